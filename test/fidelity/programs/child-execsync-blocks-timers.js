// execSync / spawnSync block the event loop: a 10 ms timer set before an execSync('sleep 0.2')
// fires only afterwards (overdue), after the synchronous code; spawnSync's result object;
// execSync of a failing command throws with status/stderr; nextTick and promise after it.
const { execSync, spawnSync, execFileSync } = require('node:child_process');

setTimeout(() => console.log('timeout 10 (overdue)'), 10);
setImmediate(() => console.log('immediate'));
const out = execSync('sleep 0.2; echo slept', { encoding: 'utf8' });
console.log('execSync returned', JSON.stringify(out));
const r = spawnSync('sh', ['-c', 'echo out; echo err >&2; exit 5'], { encoding: 'utf8' });
console.log('spawnSync: status', r.status, 'signal', r.signal, 'stdout', JSON.stringify(r.stdout), 'stderr', JSON.stringify(r.stderr), 'output length', r.output.length, 'error', r.error);
const missing = spawnSync('nosuchcmd-at');
console.log('spawnSync missing: status', missing.status, 'error code', missing.error.code, missing.error.syscall);
try {
  execSync('echo bad >&2; exit 9', { stdio: 'pipe' });
} catch (e) {
  console.log('execSync threw: status', e.status, 'signal', e.signal, 'stderr', JSON.stringify(String(e.stderr)), 'message', JSON.stringify(e.message));
}
console.log('execFileSync', JSON.stringify(execFileSync('printf', ['%s', 'x'], { encoding: 'utf8' })));
process.nextTick(() => console.log('nextTick'));
Promise.resolve().then(() => console.log('microtask'));
console.log('sync end');
