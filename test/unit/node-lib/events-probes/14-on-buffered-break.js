'use strict';
const { on, EventEmitter } = require('events');
const log = (...a) => console.log(...a);

async function main() {
  const ee = new EventEmitter();
  process.nextTick(() => {
    ee.emit('data', 1);
    ee.emit('data', 2, 'two');
    ee.emit('data', 3);
    log('emitted 3 in a tick');
  });
  let n = 0;
  const iter = on(ee, 'data');
  log('listeners', ee.listenerCount('data'), ee.listenerCount('error'));
  for await (const args of iter) {
    log('got', args);
    process.nextTick(() => log('  tick after', args[0]));
    queueMicrotask(() => log('  micro after', args[0]));
    if (++n === 2) break;
  }
  log('after break; listeners', ee.listenerCount('data'), ee.listenerCount('error'));
  log('next after break', await iter.next());
  ee.emit('data', 4);
  log('next after emit', await iter.next());

  // Consumer waiting before the events come.
  const ee2 = new EventEmitter();
  const it2 = on(ee2, 'x');
  const p1 = it2.next();
  const p2 = it2.next();
  ee2.emit('x', 'a');
  ee2.emit('x', 'b');
  ee2.emit('x', 'c');
  log(await p1, await p2, await it2.next());
  const p3 = it2.next();
  log('return', await it2.return());
  log('pending resolved to', await p3);
}
main().then(() => log('done'));
