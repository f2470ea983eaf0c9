// spawn/execFile with an AbortSignal: aborting a running `sleep 5` emits 'error' (AbortError,
// code ABORT_ERR) before 'exit' (null, SIGTERM) and 'close'; an already-aborted signal makes
// spawn() emit the same on a nextTick; execFile's callback gets the AbortError; killSignal option.
const { spawn, execFile } = require('node:child_process');

function watch(label, child) {
  return new Promise((resolve) => {
    child.on('error', (e) => console.log(`${label}: error ${e.name} ${e.code} ${JSON.stringify(e.message)}`));
    child.on('exit', (code, signal) => console.log(`${label}: exit ${code} ${signal}`));
    child.on('close', (code, signal) => {
      console.log(`${label}: close ${code} ${signal} killed=${child.killed}`);
      resolve();
    });
  });
}
(async () => {
  const ac = new AbortController();
  const a = spawn('sleep', ['5'], { signal: ac.signal });
  a.on('spawn', () => {
    console.log('a: spawn, aborting');
    ac.abort();
  });
  await watch('a', a);

  const ac2 = new AbortController();
  ac2.abort();
  const b = spawn('sleep', ['5'], { signal: ac2.signal });
  process.nextTick(() => console.log('b: nextTick after spawn()'));
  await watch('b', b);

  const ac3 = new AbortController();
  const c = spawn('sleep', ['5'], { signal: ac3.signal, killSignal: 'SIGKILL' });
  c.on('spawn', () => ac3.abort());
  await watch('c', c);

  const ac4 = new AbortController();
  execFile('sleep', ['5'], { signal: ac4.signal }, (err, stdout, stderr) => {
    console.log('execFile callback:', err.name, err.code, 'stdout', JSON.stringify(stdout), 'stderr', JSON.stringify(stderr));
  });
  setTimeout(() => ac4.abort(), 50);
})();
