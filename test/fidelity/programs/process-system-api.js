// The rest of Node's `process` API that real programs call: identity, CPU, memory, signals to
// itself, built-in modules, .env files, build facts. Each was "not a function" in the simulator.
// Values that differ from run to run (CPU time, uid, memory) are printed as their types.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const t = (label, f) => {
  try {
    const r = f();
    console.log(label, 'ok', typeof r === 'object' && r !== null ? JSON.stringify(r) : r);
  } catch (e) {
    console.log(label, e.name, e.code, e.message, e instanceof Error);
  }
};
const names = ['abort', 'allowedNodeEnvironmentFlags', 'argv0', 'assert', 'availableMemory', 'binding', 'chdir', 'config', 'constrainedMemory', 'cpuUsage', 'debugPort', 'dlopen', 'domain', 'execve', 'features', 'finalization', 'getBuiltinModule', 'getegid', 'geteuid', 'getgid', 'getgroups', 'getuid', 'kill', 'loadEnvFile', 'mainModule', 'openStdin', 'rawListeners', 'ref', 'report', 'resourceUsage', 'setSourceMapsEnabled', 'setuid', 'sourceMapsEnabled', 'threadCpuUsage', 'umask', 'unref'];
console.log(names.map((n) => `${n}:${typeof process[n]}`).join(' '));
t('features', () => process.features);
t('debugPort/domain/sourceMaps', () => [process.debugPort, process.domain, process.sourceMapsEnabled]);
t('ids', () => [process.getuid(), process.geteuid(), process.getgid(), process.getegid()].map((x) => typeof x));
t('groups', () => Array.isArray(process.getgroups()));
t('umask', () => typeof process.umask());
t('umask bad', () => process.umask('abc'));
t('cpuUsage', () => Object.entries(process.cpuUsage()).map(([k, v]) => `${k}:${typeof v}`));
t('cpuUsage diff', () => Object.keys(process.cpuUsage(process.cpuUsage())));
t('cpuUsage bad', () => process.cpuUsage({ user: -1, system: 0 }));
t('cpuUsage not object', () => process.cpuUsage(5));
t('resourceUsage', () => Object.keys(process.resourceUsage()).length);
t('memoryUsage.rss', () => typeof process.memoryUsage.rss());
t('constrainedMemory', () => typeof process.constrainedMemory());
t('kill own 0', () => process.kill(process.pid, 0));
t('kill bad pid', () => process.kill('x'));
t('kill bad signal', () => process.kill(process.pid, 'SIGFOO'));
t('chdir bad', () => process.chdir(5));
t('getBuiltinModule fs', () => process.getBuiltinModule('fs') === fs && process.getBuiltinModule('node:path') === path);
t('getBuiltinModule unknown', () => [process.getBuiltinModule('nope'), process.getBuiltinModule('test'), typeof process.getBuiltinModule('node:test')]);
t('getBuiltinModule bad', () => process.getBuiltinModule(5));
t('mainModule', () => process.mainModule === require.main);
t('rawListeners', () => process.rawListeners('exit').length);
t('flags', () => [process.allowedNodeEnvironmentFlags.has('--max-old-space-size=100'), process.allowedNodeEnvironmentFlags.has('--no_deprecation'), process.allowedNodeEnvironmentFlags.has('--nope')]);
t('config', () => [typeof process.config.variables, process.config.variables.node_module_version === Number(process.versions.modules)]);
t('report', () => [process.report.signal, process.report.compact]);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'env-'));
fs.writeFileSync(path.join(dir, 'app.env'), 'PRESET=from file\nQUOTED="a # b"\nexport EXPORTED=3\n');
process.env.PRESET = 'already set';
t('loadEnvFile', () => {
  process.loadEnvFile(path.join(dir, 'app.env'));
  return [process.env.PRESET, process.env.QUOTED, process.env.EXPORTED];
});
try {
  process.loadEnvFile(path.join(dir, 'missing.env'));
} catch (e) {
  console.log('loadEnvFile missing', e.code, e.syscall);
}
t('loadEnvFile bad', () => process.loadEnvFile(5));
fs.rmSync(dir, { recursive: true });
process.on('exit', (code) => console.log('exit event', code));
setTimeout(() => {
  console.log('a signal nobody listens to ends the process at once, without exit');
  process.kill(process.pid, 'SIGTERM');
  console.log('not reached');
}, 5);
