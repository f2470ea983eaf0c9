// child_process.exec with a callback: stdout and stderr as strings; a failing command: err.code
// is the exit status, err.killed/signal/cmd, message 'Command failed: ...' plus stderr; encoding
// 'buffer'; env replaced. (No setImmediate against the callback: a starved main thread can find
// the child already gone in its first poll phase.)
const { exec } = require('node:child_process');

exec('echo out; echo err 1>&2', (err, stdout, stderr) => {
  console.log('ok:', err, JSON.stringify(stdout), JSON.stringify(stderr));
  exec("echo partial; echo bad >&2; exit 3", (err2, stdout2, stderr2) => {
    console.log('fail: instanceof Error', err2 instanceof Error, 'code', err2.code, 'killed', err2.killed, 'signal', err2.signal);
    console.log('  cmd', JSON.stringify(err2.cmd));
    console.log('  message', JSON.stringify(err2.message));
    console.log('  stdout', JSON.stringify(stdout2), 'stderr', JSON.stringify(stderr2));
    exec('printf "\\001\\002"', { encoding: 'buffer' }, (err3, stdout3) => {
      console.log('buffer:', err3, Buffer.isBuffer(stdout3), [...stdout3]);
      exec('echo $FOO-$BAR', { env: { FOO: 'foo', BAR: 'bar' } }, (err4, stdout4) => {
        console.log('env:', err4, JSON.stringify(stdout4));
      });
    });
  });
});
process.nextTick(() => console.log('nextTick queued after exec()'));
