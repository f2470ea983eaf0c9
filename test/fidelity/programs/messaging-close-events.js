// close(): 'close' on the closing port in this iteration's closing phase (after the check phase);
// the peer learns of it when that close completes, so its 'close' comes one iteration later.
// Messages queued before the close are still delivered to a peer that starts later; a port
// closed inside its listener still gets the rest of the batch; posting to a closed port is a no-op.
const log = console.log;
const { port1, port2 } = new MessageChannel();
port1.on('close', () => log('port1 close'));
port2.on('close', () => {
  log('port2 close');
  process.nextTick(() => log('tick in port2 close'));
});
setImmediate(() => {
  log('immediate 1');
  port2.close(() => log('port2 close callback'));
  log('closed port2 (sync)');
  port1.postMessage('to a closed channel');
  port2.postMessage('from a closed port');
  setImmediate(() => {
    log('immediate 2');
    setImmediate(() => log('immediate 3'));
  });
});

const c = new MessageChannel();
c.port1.postMessage('early 1');
c.port1.postMessage('early 2');
c.port1.close();
c.port1.on('close', () => log('c.port1 close'));
setImmediate(() => {
  log('start c.port2');
  c.port2.on('message', (m) => log('c.port2 got', m));
  c.port2.on('close', () => log('c.port2 close'));
});

const d = new MessageChannel();
d.port2.onmessage = (e) => {
  log('d got', e.data);
  if (e.data === 'x') d.port2.close();
};
d.port1.on('close', () => log('d.port1 close'));
d.port1.postMessage('x');
d.port1.postMessage('y');
