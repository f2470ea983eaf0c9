// execFile without a shell: arguments passed verbatim (no globbing or $ expansion), a Node child
// via process.execPath -e printing its argv and exiting with code 7; execFile of a missing
// binary: err.code 'ENOENT' (a string), errno, syscall, path, spawnargs.
const { execFile } = require('node:child_process');

execFile('echo', ['$HOME', '*', 'a  b'], (err, stdout) => {
  console.log('echo:', err, JSON.stringify(stdout));
  const script = "console.log(JSON.stringify(process.argv.slice(1))); console.error('to stderr'); process.exitCode = 7;";
  execFile(process.execPath, ['-e', script, 'x', 'y z'], (err2, stdout2, stderr2) => {
    console.log('node child: code', err2.code, 'stdout', JSON.stringify(stdout2), 'stderr', JSON.stringify(stderr2));
    console.log('  message first line:', JSON.stringify(err2.message.split('\n')[0].replace(process.execPath, '<node>')));
    execFile('nosuchcmd-at', ['arg'], (err3, stdout3, stderr3) => {
      console.log('missing:', err3.code, err3.errno, err3.syscall, err3.path, err3.spawnargs, JSON.stringify(err3.message));
      console.log('  stdout/stderr', JSON.stringify(stdout3), JSON.stringify(stderr3), 'cmd', err3.cmd);
    });
  });
});
