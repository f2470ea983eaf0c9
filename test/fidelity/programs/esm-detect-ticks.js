// A .js file detected as an ES module by its import: at its top level every promise job runs
// before the first nextTick, and ticks queued by those jobs run after them (all Node lines).
import { nextTick } from 'node:process';
const log = (s) => console.log(s);
nextTick(() => {
  log('tick 1');
  Promise.resolve().then(() => log('promise from tick 1'));
  nextTick(() => log('tick from tick 1'));
});
Promise.resolve().then(() => {
  log('promise 1');
  nextTick(() => log('tick from promise 1'));
  return Promise.resolve();
}).then(() => log('promise 1b'));
queueMicrotask(() => log('microtask 1'));
(async () => {
  log('async start');
  await null;
  log('after await');
  nextTick(() => log('tick from async'));
})();
log('sync end');
