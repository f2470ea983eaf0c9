// Exit codes of Workers: process.exit(n) inside, process.exitCode, a natural end; the
// worker's own 'exit' listener is not the parent's.
const { Worker, isMainThread, workerData, parentPort } = require('node:worker_threads');

if (isMainThread) {
  const run = (mode) =>
    new Promise((resolve) => {
      const w = new Worker(__filename, { workerData: mode });
      w.on('message', (m) => console.log(mode, 'says', m));
      w.on('exit', (code) => {
        console.log(mode, 'exited with', code);
        resolve();
      });
    });
  (async () => {
    await run('exit');
    await run('exitCode');
    await run('natural');
    console.log('main exit code', process.exitCode);
  })();
} else {
  process.on('exit', (code) => parentPort.postMessage(`bye (${code})`));
  setTimeout(() => {
    parentPort.postMessage('working');
    if (workerData === 'exit') process.exit(4);
    if (workerData === 'exitCode') process.exitCode = 3;
  }, 20);
}
