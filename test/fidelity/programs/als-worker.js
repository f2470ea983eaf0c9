// Worker threads: a store does not cross into a worker (its own AsyncLocalStorage instances
// start empty); the worker's own stores propagate inside it; in the parent, the Worker's events
// ('online', 'message', 'exit') run in the context of the `new Worker()` call.
const { Worker, isMainThread, parentPort } = require('worker_threads');
const { AsyncLocalStorage } = require('async_hooks');
const als = new AsyncLocalStorage();
if (isMainThread) {
  const lines = [];
  const log = (s) => lines.push(`main ${s}: ${als.getStore()}`);
  als.run('creator', () => {
    const w = new Worker(__filename);
    w.on('message', (m) => log(`message ${m}`));
    w.on('exit', (code) => {
      log(`exit ${code}`);
      console.log(lines.join('\n'));
    });
  });
} else {
  parentPort.postMessage(`worker top store=${als.getStore()}`);
  als.run('in-worker', () => {
    setTimeout(() => {
      parentPort.postMessage(`worker timer store=${als.getStore()}`);
    }, 5);
  });
}
