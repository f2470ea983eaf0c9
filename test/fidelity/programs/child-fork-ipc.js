// fork(__filename) with IPC: the child sends messages (objects arrive as structured JSON), the
// parent replies, ping-pong with microtasks/nextTicks around each message; child.disconnect(),
// 'disconnect' and 'exit' (in either order) before 'close' with the child's exit code.
const { fork } = require('node:child_process');

if (process.argv[2] === 'child') {
  process.on('message', (m) => {
    if (m.type === 'ping') process.send({ type: 'pong', n: m.n, doubled: m.n * 2 });
    if (m.type === 'bye') {
      process.exitCode = 4;
      process.disconnect();
    }
  });
  process.send({ type: 'hello', date: new Date(0), map: new Map([[1, 2]]), undef: undefined, nested: { a: [1, 'x'] } });
} else {
  const child = fork(__filename, ['child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  console.log('connected', child.connected);
  child.on('message', (m) => {
    console.log('parent got', JSON.stringify(m));
    process.nextTick(() => console.log('  nextTick after', m.type, m.n ?? ''));
    Promise.resolve().then(() => console.log('  microtask after', m.type, m.n ?? ''));
    if (m.type === 'hello') child.send({ type: 'ping', n: 1 });
    else if (m.n < 3) child.send({ type: 'ping', n: m.n + 1 });
    else child.send({ type: 'bye' });
  });
  const seen = [];
  child.on('disconnect', () => seen.push(`disconnect(connected=${child.connected})`));
  child.on('exit', (code, signal) => seen.push(`exit ${code} ${signal}`));
  child.on('close', (code, signal) => {
    // 'disconnect' and 'exit' race each other; both come before 'close'.
    console.log('close', code, signal, 'after:', seen.sort().join(', '));
  });
}
