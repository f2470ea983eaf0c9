// child.kill(): from the 'spawn' handler (returns true, child.killed true immediately, 'exit'
// with signal SIGTERM later); kill('SIGKILL'); kill(0)-style liveness check; kill after exit
// returns false; SIGTERM to a child that ignores it (trap, inherited through exec) has no effect,
// SIGKILL from a 200 ms timer ends it; an unknown signal name throws ERR_UNKNOWN_SIGNAL.
const { spawn } = require('node:child_process');

const onceExit = (child) => new Promise((resolve) => child.on('exit', (code, signal) => resolve(`exit ${code} ${signal}`)));
(async () => {
  const a = spawn('sleep', ['5']);
  a.on('spawn', () => {
    console.log('a spawn: kill(0) alive =', a.kill(0));
    console.log('a kill() returned', a.kill(), 'killed', a.killed);
  });
  console.log('a:', await onceExit(a), 'signalCode', a.signalCode);
  console.log('a kill after exit returned', a.kill());

  const b = spawn('sleep', ['5']);
  await new Promise((resolve) => b.on('spawn', resolve));
  console.log('b kill(SIGKILL) returned', b.kill('SIGKILL'));
  console.log('b:', await onceExit(b));

  const c = spawn('sh', ['-c', 'trap "" TERM; echo ready; exec sleep 5']);
  await new Promise((resolve) => c.stdout.once('data', resolve));
  console.log('c ready; kill() returned', c.kill());
  const timer = setTimeout(() => {
    console.log('c still running after 200 ms; SIGKILL:', c.kill('SIGKILL'));
  }, 200);
  console.log('c:', await onceExit(c));
  clearTimeout(timer);
  try {
    c.kill('SIGNOPE');
  } catch (e) {
    console.log('bad signal:', e.code, e.message);
  }
})();
