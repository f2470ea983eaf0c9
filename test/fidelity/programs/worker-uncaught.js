// An error in a Worker that nobody listens for becomes an uncaught error of the main thread.
const { Worker, isMainThread } = require('node:worker_threads');

if (isMainThread) {
  new Worker(__filename);
  process.on('exit', (code) => console.log('main exits with', code));
} else {
  Promise.resolve().then(() => {
    throw new RangeError('nobody catches this');
  });
}
