// util.promisify(exec) / promisify(execFile): resolve to { stdout, stderr }; rejection errors
// carry code (exit status), killed, signal, cmd, stdout and stderr; the returned promise has a
// .child property; a 100 ms timer started right before a `sleep 0.3` command fires before it
// finishes.
const util = require('node:util');
const { exec, execFile } = require('node:child_process');
const pexec = util.promisify(exec);
const pexecFile = util.promisify(execFile);

(async () => {
  const p = pexec('echo hi; echo there >&2');
  console.log('promise has child:', typeof p.child, p.child.constructor.name);
  const r = await p;
  console.log('resolved keys', Object.keys(r), JSON.stringify(r.stdout), JSON.stringify(r.stderr));
  try {
    await pexec("echo some output; echo oops >&2; exit 4");
  } catch (e) {
    console.log('rejected: code', e.code, 'killed', e.killed, 'signal', e.signal, 'cmd', JSON.stringify(e.cmd));
    console.log('  stdout', JSON.stringify(e.stdout), 'stderr', JSON.stringify(e.stderr));
    console.log('  message', JSON.stringify(e.message));
  }
  const f = await pexecFile('printf', ['%s-%s', 'a', 'b']);
  console.log('execFile resolved', JSON.stringify(f.stdout));
  try {
    await pexecFile('nosuchcmd-at');
  } catch (e) {
    console.log('execFile missing: code', e.code, 'stdout', JSON.stringify(e.stdout), 'stderr', JSON.stringify(e.stderr));
  }
  setTimeout(() => console.log('timeout 100'), 100);
  await pexec('sleep 0.3');
  console.log('sleep 0.3 done');
})();
