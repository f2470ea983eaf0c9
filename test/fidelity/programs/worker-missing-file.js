// A Worker on a file that does not exist is made, then fails to start: 'error' (MODULE_NOT_FOUND)
// and 'exit' 1 — not a throw at the call.
const { Worker } = require('node:worker_threads');

const w = new Worker('./there-is-no-such-worker-file.js');
console.log('made the Worker');
w.on('error', (e) => console.log('error event:', e.code, /^Cannot find module '.*there-is-no-such-worker-file\.js'$/.test(e.message)));
w.on('exit', (code) => console.log('exit', code));
