// exec/spawn options: maxBuffer exceeded (ERR_CHILD_PROCESS_STDIO_MAXBUFFER, child killed,
// stdout truncated to maxBuffer), cwd (the temp dir, printed relative), shell: true for spawn,
// stdout.setEncoding, input via execFile + child.stdin; a non-existent cwd fails with ENOENT.
const { exec, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'at-')));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(path.join(dir, 'marker.txt'), 'x');

exec('yes | head -c 100000', { maxBuffer: 1000 }, (err, stdout) => {
  console.log('maxBuffer:', err.code, JSON.stringify(err.message), 'killed', err.killed, 'signal', err.signal, 'stdout length', stdout.length);
  exec('pwd; ls', { cwd: dir }, (err2, stdout2) => {
    console.log('cwd:', err2, JSON.stringify(stdout2.split(dir).join('<dir>')));
    const s = spawn('echo $((6 * 7)) | tr 4 X', { shell: true });
    s.stdout.setEncoding('utf8');
    let out = '';
    s.stdout.on('data', (d) => (out += d));
    s.on('close', (code) => {
      console.log('shell: true:', code, JSON.stringify(out), 'spawnargs', s.spawnargs.slice(0, 2));
      const bad = spawn('ls', [], { cwd: path.join(dir, 'missing') });
      bad.on('error', (e) => console.log('bad cwd:', e.code, e.syscall, e.path));
      bad.on('close', (code2) => console.log('bad cwd close:', code2));
    });
  });
});
