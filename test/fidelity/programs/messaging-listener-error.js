// A 'message' listener that throws: the port's other listeners still run (EventTarget), the
// error is thrown from a tick of that message's callback scope, and it ends the port's turn:
// the next message waits for the next poll phase (after the immediates). process.exit() inside
// a listener ends at once.
const log = console.log;
process.on('uncaughtException', (e) => log('uncaught', e.message));
process.on('exit', (code) => log('exit', code));
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => {
  log('first listener', m);
  process.nextTick(() => log('  tick from first listener', m));
  if (m < 3) throw new Error(`boom ${m}`);
});
port2.on('message', (m) => {
  log('second listener', m);
  if (m === 3) process.exit(0);
});
process.nextTick(() => log('tick'));
port1.postMessage(1);
port1.postMessage(2);
port1.postMessage(3);
setImmediate(() => {
  log('immediate');
  setImmediate(() => log('immediate 2'));
});
