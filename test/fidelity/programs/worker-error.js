// An error thrown in a Worker after an await: 'error' then 'exit' (code 1) on the Worker.
const { Worker, isMainThread, workerData } = require('node:worker_threads');

if (isMainThread) {
  const w = new Worker(__filename, { workerData: 'boom' });
  w.on('error', (e) => console.log('error event:', e instanceof Error, e.message));
  w.on('exit', (code) => console.log('exit event:', code));
  setTimeout(() => console.log("main still runs after", 2000, "ms"), 2000);
} else {
  (async () => {
    await new Promise((resolve) => setTimeout(resolve, 10));
    throw new Error(`worker failed: ${workerData}`);
  })();
}
