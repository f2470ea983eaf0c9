// spawn of a command that does not exist: no exception, pid undefined; 'error' (ENOENT, syscall
// 'spawn nosuchcmd', path, spawnargs) is emitted on a nextTick queued by spawn() itself; no
// 'spawn' and no 'exit' event, but 'close' with code -2; the stdout stream ends and closes.
const { spawn } = require('node:child_process');

const child = spawn('nosuchcmd', ['--flag', 'x']);
console.log('returned: pid', child.pid, 'stdout exists', !!child.stdout);
child.on('spawn', () => console.log('spawn event (unexpected)'));
child.on('error', (err) => {
  console.log('error:', err.message);
  console.log('  code', err.code, 'errno', err.errno, 'syscall', err.syscall, 'path', err.path, 'spawnargs', err.spawnargs);
  process.nextTick(() => console.log('  nextTick from error handler'));
});
child.on('exit', (code, signal) => console.log('exit', code, signal));
child.on('close', (code, signal) => console.log('close', code, signal, 'exitCode', child.exitCode));
child.stdout.on('end', () => console.log('stdout end'));
child.stdout.on('close', () => console.log('stdout close'));
process.nextTick(() => console.log('nextTick after spawn()'));
Promise.resolve().then(() => console.log('microtask after spawn()'));
setTimeout(() => console.log('timeout 200'), 200);
