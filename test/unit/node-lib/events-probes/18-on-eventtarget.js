'use strict';
const { on, getEventListeners } = require('events');
const log = (...a) => console.log(...a);

async function main() {
  const et = new EventTarget();
  setTimeout(() => {
    et.dispatchEvent(new Event('ping'));
    et.dispatchEvent(new Event('ping'));
    et.dispatchEvent(new Event('stop'));
  }, 1);
  let count = 0;
  for await (const [event] of on(et, 'ping', { close: ['stop'] })) {
    log('event', event.type, ++count);
  }
  log('closed', getEventListeners(et, 'ping').length, getEventListeners(et, 'stop').length);

  const ac = new AbortController();
  const it = on(et, 'x', { signal: ac.signal });
  log('listeners', getEventListeners(et, 'x').length, getEventListeners(ac.signal, 'abort').length);
  setTimeout(() => ac.abort(), 1);
  try { await it.next(); } catch (err) { log(err.name); }
  log('listeners', getEventListeners(et, 'x').length, getEventListeners(ac.signal, 'abort').length);
}
main().then(() => log('done'));
