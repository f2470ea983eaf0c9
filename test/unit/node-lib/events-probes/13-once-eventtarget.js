'use strict';
const { once } = require('events');
const log = (...a) => console.log(...a);

async function main() {
  const et = new EventTarget();
  const p = once(et, 'foo');
  queueMicrotask(() => log('micro'));
  et.dispatchEvent(new Event('foo'));
  const [event] = await p;
  log('got', event.type, event instanceof Event);

  // 'error' on an EventTarget is an ordinary event.
  const pe = once(et, 'error');
  et.dispatchEvent(new Event('error'));
  log('error event', (await pe)[0].type);

  const ac = new AbortController();
  const pa = once(et, 'bar', { signal: ac.signal });
  ac.abort();
  try { await pa; } catch (err) { log('aborted', err.name); }
  // The listener was removed: dispatching does nothing more.
  et.dispatchEvent(new Event('bar'));

  // An object that is neither.
  try { await once({}, 'x'); } catch (err) { log(err.code, err.message); }
  // Listener stopping immediate propagation does not stop once's listener.
  const et2 = new EventTarget();
  et2.addEventListener('go', (e) => { log('first stops'); e.stopImmediatePropagation(); });
  const pg = once(et2, 'go');
  et2.dispatchEvent(new Event('go'));
  log('resolved despite stop', (await pg)[0].type);
}
main().then(() => log('done'));
