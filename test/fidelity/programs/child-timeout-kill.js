// execFile('sleep', ['5'], { timeout: 100 }): the child is killed with SIGTERM after 100 ms, the
// callback gets err.killed true, err.signal 'SIGTERM', err.code null; a 30 ms timer fires before
// the callback and an 800 ms timer after; killSignal 'SIGKILL' variant.
const { execFile } = require('node:child_process');

const started = Date.now();
setTimeout(() => console.log('timeout 30'), 30);
setTimeout(() => console.log('timeout 800'), 800);
execFile('sleep', ['5'], { timeout: 100 }, (err, stdout, stderr) => {
  console.log('callback: killed', err.killed, 'signal', err.signal, 'code', err.code, 'elapsed >= 95', Date.now() - started >= 95);
  console.log('  message', JSON.stringify(err.message), 'stdout', JSON.stringify(stdout), 'stderr', JSON.stringify(stderr));
  execFile('sleep', ['5'], { timeout: 50, killSignal: 'SIGKILL' }, (err2) => {
    console.log('SIGKILL variant: killed', err2.killed, 'signal', err2.signal, 'code', err2.code);
  });
});
