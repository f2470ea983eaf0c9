// Port messages arrive in the poll phase (before the check phase's immediates); each message is
// its own callback scope (ticks, then promise jobs, run between two messages); a message posted
// while the port drains is delivered in the same pass; channels' ports are visited in the order
// they were made, each draining its whole queue.
const log = console.log;
const A = new MessageChannel();
const B = new MessageChannel();
A.port2.on('message', (m) => {
  log('A got', m);
  process.nextTick(() => log('  tick after A', m));
  Promise.resolve().then(() => log('  promise after A', m));
  if (m === 2) {
    A.port1.postMessage(3);
    B.port1.postMessage('from A');
    setImmediate(() => log('immediate from A'));
  }
});
B.port2.on('message', (m) => {
  log('B got', m);
  queueMicrotask(() => log('  microtask after B', m));
  if (m === 'from A') {
    A.port1.postMessage('from B');
    setImmediate(() => log('immediate from B'));
  }
});
setImmediate(() => log('immediate'));
B.port1.postMessage(1);
A.port1.postMessage(1);
B.port1.postMessage(2);
A.port1.postMessage(2);
process.nextTick(() => log('tick'));
Promise.resolve().then(() => log('promise'));
log('sync');
setImmediate(() => {
  log('immediate 2');
  A.port1.postMessage('from immediate');
  setImmediate(() => {
    log('last immediate');
    A.port2.close();
    B.port2.close();
  });
});
