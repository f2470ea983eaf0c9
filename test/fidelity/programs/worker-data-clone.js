// workerData and messages are structured clones in the receiver's own realm: Maps, Sets,
// Dates, typed arrays, nested objects arrive as the receiver's own kinds (instanceof holds).
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');

const describe = (v) => ({
  map: v.map instanceof Map && [...v.map.entries()],
  set: v.set instanceof Set && [...v.set],
  date: v.date instanceof Date && v.date.toISOString(),
  bytes: v.bytes instanceof Uint8Array && [...v.bytes],
  list: Array.isArray(v.list) && v.list,
  obj: v.obj instanceof Object && v.obj,
});

if (isMainThread) {
  const data = { map: new Map([['a', 1]]), set: new Set([1, 2]), date: new Date(0), bytes: new Uint8Array([1, 2, 3]), list: [1, [2]], obj: { x: { y: 1 } } };
  const w = new Worker(__filename, { workerData: data });
  data.list.push('changed after the Worker was made');
  w.on('message', (m) => {
    console.log('main receives', describe(m));
  });
  w.on('exit', (code) => console.log('exit', code));
} else {
  const seen = describe(workerData);
  parentPort.postMessage({ ...workerData, obj: seen });
}
