// A child process is a handle: its events ('spawn', stdout 'data', 'exit', 'close') and exec's
// callback run in the context of the call that started it, not of whoever runs when they arrive.
const { AsyncLocalStorage } = require('async_hooks');
const { spawn, execFile } = require('child_process');
const als = new AsyncLocalStorage();
const lines = [];
const log = (s) => lines.push(`${s}: ${als.getStore()}`);

als.run('spawner', () => {
  const child = spawn(process.execPath, ['-e', 'console.log("hi")']);
  child.on('spawn', () => log('spawn'));
  child.stdout.on('data', () => log('stdout data'));
  child.on('exit', () => log('exit'));
  child.on('close', () => {
    log('close');
    als.run('exec-caller', () => {
      execFile(process.execPath, ['-e', 'process.exit(3)'], (err) => {
        log(`execFile callback (code ${err && err.code})`);
        console.log(lines.join('\n'));
      });
    });
  });
});
als.run('elsewhere', () => setTimeout(() => log('unrelated timer'), 1));
