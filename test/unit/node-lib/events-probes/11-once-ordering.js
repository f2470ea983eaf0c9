'use strict';
const { once, EventEmitter } = require('events');
const log = (...a) => console.log(...a);

async function main() {
  const ee = new EventEmitter();
  const p = once(ee, 'ready');
  log('listeners while waiting', ee.listenerCount('ready'), ee.listenerCount('error'));
  process.nextTick(() => log('tick A'));
  queueMicrotask(() => log('micro A'));
  Promise.resolve().then(() => log('p1')).then(() => log('p2')).then(() => log('p3')).then(() => log('p4')).then(() => log('p5'));
  ee.emit('ready', 1, 'two', { three: 3 });
  p.then((v) => log('once resolved', v));
  log('listeners after emit', ee.listenerCount('ready'), ee.listenerCount('error'));
  const v = await p;
  log('await done', v);

  // Resolution order of several once() on the same event.
  const results = [];
  const ps = [once(ee, 'go').then(() => results.push('first')), once(ee, 'go').then(() => results.push('second'))];
  ee.emit('go');
  await Promise.all(ps);
  log('order', results);

  // 'error' rejects, and the event listener goes away.
  const pe = once(ee, 'never');
  ee.emit('error', new Error('kaboom'));
  try { await pe; } catch (err) { log('rejected', err.message, ee.listenerCount('never'), ee.listenerCount('error')); }

  // once for 'error' itself resolves with the error.
  const pe2 = once(ee, 'error');
  ee.emit('error', new Error('as value'));
  log('error as value', (await pe2)[0].message);

  // Non-object options.
  const po = once(ee, 'x', undefined);
  ee.emit('x', 'undefined options');
  log(await po);
  try { await once(ee, 'x', { signal: 'nope' }); } catch (err) { log('bad signal', err.code, err.message); }
  try { await once(ee, 'x', null); } catch (err) { log('null options', err.name); }
  log('once is async: returns', Object.prototype.toString.call(once(ee, 'later')));
}
main().then(() => log('main done'));
log('sync end');
