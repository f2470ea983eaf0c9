'use strict';
const { on, EventEmitter } = require('events');
const log = (...a) => console.log(...a);

async function main() {
  const ee = new EventEmitter();
  const ac = new AbortController();
  setTimeout(() => {
    ee.emit('tick', 1);
    ee.emit('tick', 2);
    log('aborting');
    ac.abort('reason!');
  }, 2);
  try {
    for await (const [v] of on(ee, 'tick', { signal: ac.signal })) log('tick', v);
  } catch (err) {
    log('loop threw', err.name, err.code, err.message, err.cause);
  }
  log('listeners', ee.listenerCount('tick'), ee.listenerCount('error'));

  try {
    on(ee, 'tick', { signal: AbortSignal.abort() });
  } catch (err) {
    log('sync throw', err.name, err.cause.name);
  }

  // Aborted while a next() is pending.
  const ac2 = new AbortController();
  const it = on(ee, 'x', { signal: ac2.signal });
  const pending = it.next();
  queueMicrotask(() => log('micro before abort settles'));
  ac2.abort();
  try { await pending; } catch (err) { log('pending rejected', err.name); }
  log('then', await it.next());

  // Aborted while events are buffered: the buffered events come first, then the error.
  const ac3 = new AbortController();
  const it3 = on(ee, 'y', { signal: ac3.signal });
  ee.emit('y', 1);
  ee.emit('y', 2);
  ac3.abort();
  for (let i = 0; i < 4; i++) {
    try { log('it3', await it3.next()); } catch (err) { log('it3 threw', err.name); }
  }
}
main().then(() => log('done'));
