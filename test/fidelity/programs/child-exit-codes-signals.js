// Exit codes and signals through 'exit' / 'close': sh -c 'exit 3' (3, null), a shell killing
// itself with TERM (null, 'SIGTERM'), 'exit 0', and a process exiting with code 255; exitCode /
// signalCode properties; children run one after another.
const { spawn } = require('node:child_process');

const cases = [
  ['exit 3', ['-c', 'exit 3']],
  ['kill TERM self', ['-c', 'kill -TERM $$']],
  ['kill KILL self', ['-c', 'kill -KILL $$']],
  ['exit 0', ['-c', 'exit 0']],
  ['exit 255', ['-c', 'exit 255']],
  ['exit 256 wraps', ['-c', 'exit 256']],
];
(async () => {
  for (const [label, args] of cases) {
    const child = spawn('sh', args);
    const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve(`${code}/${signal}`)));
    const close = new Promise((resolve) => child.on('close', (code, signal) => resolve(`${code}/${signal}`)));
    console.log(`${label}: exit ${await exit} close ${await close} exitCode ${child.exitCode} signalCode ${child.signalCode} killed ${child.killed}`);
  }
})();
