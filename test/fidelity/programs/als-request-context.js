// AsyncLocalStorage as a request context: three concurrent "requests" each keep their own
// store across awaits, promise reactions, nextTick, queueMicrotask, timers, immediates,
// timers/promises, EventEmitter listeners (they run in the emitter's caller context) and fs
// callbacks / fs.promises. Each request's lines are printed at the end, grouped by request: the
// interleaving of real fs work with the timers is real Node's timing, the stores are not.
const { AsyncLocalStorage } = require('async_hooks');
const { EventEmitter } = require('events');
const fs = require('fs');
const timersPromises = require('timers/promises');

const als = new AsyncLocalStorage();
const lines = { a: [], b: [], c: [], outside: [] };
const log = (where) => {
  const store = als.getStore();
  lines[store === undefined ? 'outside' : store.request].push(`${where}: ${JSON.stringify(store)}`);
};
const bus = new EventEmitter();
bus.on('step', (n) => log(`listener ${n}`));

async function handle(id, delay) {
  log(`start ${id}`);
  await null;
  log(`after await ${id}`);
  await new Promise((resolve) => setTimeout(resolve, delay));
  log(`after timer ${id}`);
  process.nextTick(() => log(`tick ${id}`));
  queueMicrotask(() => log(`microtask ${id}`));
  Promise.resolve().then(() => log(`then ${id}`));
  await new Promise((resolve) => setImmediate(resolve));
  log(`after immediate ${id}`);
  bus.emit('step', id);
  await timersPromises.setTimeout(delay);
  log(`after timers/promises ${id}`);
  await new Promise((resolve) => fs.stat(__filename, () => { log(`fs.stat callback ${id}`); resolve(); }));
  await fs.promises.readFile(__filename);
  log(`after fs.promises ${id}`);
  return id;
}

const results = [];
for (const [id, delay] of [['a', 30], ['b', 10], ['c', 20]]) {
  results.push(als.run({ request: id }, () => handle(id, delay)));
}
log('outside');
Promise.all(results).then((ids) => {
  log(`all done ${ids.join(',')}`);
  for (const [key, list] of Object.entries(lines)) console.log(`${key}:\n  ${list.join('\n  ')}`);
});
