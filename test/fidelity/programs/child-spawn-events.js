// spawn('cat') with piped stdio: 'spawn' is emitted on a nextTick queued by spawn() itself
// (before later nextTicks and promise jobs); stdin written in two parts then ended; what stdout
// delivered is printed at 'close', which comes after 'exit' and after stdout 'end'.
const { spawn } = require('node:child_process');

const child = spawn('cat', [], { stdio: ['pipe', 'pipe', 'pipe'] });
const events = [];
let out = '';
console.log('spawned: pid is number', typeof child.pid === 'number', 'exitCode', child.exitCode, 'connected stdin', !!child.stdin);
child.on('spawn', () => console.log('spawn event'));
process.nextTick(() => console.log('nextTick after spawn()'));
Promise.resolve().then(() => console.log('microtask after spawn()'));
child.stdout.setEncoding('utf8');
child.stdout.on('data', (d) => (out += d));
child.stdout.on('end', () => events.push('stdout end'));
child.on('exit', (code, signal) => {
  events.push('exit');
  console.log('exit', code, signal, 'exitCode', child.exitCode, 'signalCode', child.signalCode);
});
child.on('close', (code, signal) => {
  console.log('close', code, signal);
  console.log('stdout:', JSON.stringify(out));
  console.log('stdout end before close:', events.includes('stdout end'), 'exit before close:', events.includes('exit'));
});
child.stdin.write('hello ');
child.stdin.write('from stdin\n');
child.stdin.end('last line\n');
console.log('sync end');
