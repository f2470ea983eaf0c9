'use strict';
const { on, EventEmitter } = require('events');
const log = (...a) => console.log(...a);

async function main() {
  const ee = new EventEmitter();
  process.nextTick(() => {
    ee.emit('v', 1);
    ee.emit('error', new Error('broken'));
    ee.emit('v', 2);
  });
  try {
    for await (const [v] of on(ee, 'v')) log('v', v);
  } catch (err) {
    log('caught', err.message, ee.listenerCount('v'), ee.listenerCount('error'));
  }

  // on(ee, 'error') does not add a second error listener: errors are values.
  const e2 = new EventEmitter();
  const it = on(e2, 'error');
  log('error listeners', e2.listenerCount('error'));
  e2.emit('error', new Error('as value'));
  log('error as value', (await it.next()).value[0].message);
  await it.return();

  // iterator.throw
  const e3 = new EventEmitter();
  const it3 = on(e3, 'x');
  try { it3.throw('not an error'); } catch (err) { log('throw(non-error)', err.code, err.message); }
  try { it3.throw(); } catch (err) { log('throw()', err.message); }
  const pending = it3.next();
  log('throw(err) ->', it3.throw(new Error('injected')));
  try { await pending; } catch (err) { log('pending rejected with', err.message); }
  log('after throw', await it3.next(), e3.listenerCount('x'));

  const e4 = new EventEmitter();
  const it4 = on(e4, 'x');
  it4.throw(new Error('stored'));
  try { await it4.next(); } catch (err) { log('next rejected', err.message); }
  log('then done', await it4.next());

  // An error with nobody iterating is remembered; the next call rejects once.
  const e5 = new EventEmitter();
  const it5 = on(e5, 'x');
  e5.emit('error', new Error('remembered'));
  log('listeners after error', e5.listenerCount('x'), e5.listenerCount('error'));
  await it5.next().catch((err) => log('rejected', err.message));
  log(await it5.next());
}
main().then(() => log('done'));
