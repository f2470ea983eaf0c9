// A Blob posted to a Worker arrives there as a Blob of the worker's own realm, with the same
// bytes and type; the worker sends a new Blob back. Only the messages order the output.
const { Worker, isMainThread, parentPort } = require('node:worker_threads');
if (isMainThread) {
  const worker = new Worker(__filename);
  worker.on('message', async (m) => {
    console.log('main got', m instanceof Blob, m.type, await m.text());
    await worker.terminate();
    console.log('terminated');
  });
  worker.postMessage({ blob: new Blob(['to ', 'the worker'], { type: 'text/plain' }), file: new File(['f'], 'f.txt') });
} else {
  parentPort.once('message', async ({ blob, file }) => {
    const text = await blob.text();
    console.log('worker got', blob instanceof Blob, blob.size, blob.type, text, file instanceof Blob, file.name);
    parentPort.postMessage(new Blob([text.toUpperCase()], { type: 'text/upper' }));
  });
}
