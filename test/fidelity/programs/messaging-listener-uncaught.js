// An error thrown by a port's 'message' listener with no 'uncaughtException' handler: the other
// listeners of that message still run, then Node's event_target re-throws it from a tick and the
// program dies with it (exit code 1); the next message is never delivered.
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => {
  throw new RangeError(`bad message ${m}`);
});
port2.on('message', (m) => console.log('second listener', m));
port1.postMessage(1);
port1.postMessage(2);
process.on('exit', (code) => console.log('exit', code));
