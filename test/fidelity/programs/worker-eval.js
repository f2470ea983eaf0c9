// new Worker(code, { eval: true }): the worker's code as a string, CommonJS, with async code inside.
const { Worker } = require('node:worker_threads');
const code = `
  const { parentPort, workerData } = require('node:worker_threads');
  const { setTimeout: sleep } = require('node:timers/promises');
  async function work(n) {
    await sleep(10);
    return n * 2;
  }
  parentPort.on('message', async (n) => {
    parentPort.postMessage(await work(n));
    if (n === 3) parentPort.close();
  });
  parentPort.postMessage('ready ' + workerData + ' ' + __filename);
`;
const w = new Worker(code, { eval: true, workerData: 'w1' });
let sent = 0;
w.on('message', (m) => {
  console.log('main got', m);
  if (sent < 3) w.postMessage(++sent);
});
w.on('exit', (c) => {
  console.log('exit', c);
  // Code that does not parse: the Worker is made, then fails to start ('error', then 'exit' 1).
  const bad = new Worker('const x = (;', { eval: true });
  bad.on('error', (e) => console.log('bad code:', e instanceof SyntaxError, e.message));
  bad.on('exit', (code) => console.log('bad exit', code));
});
