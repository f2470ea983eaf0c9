// Transferring a MessagePort: the receiver gets a new port object (in event.ports too) that keeps
// the channel, including messages already queued for it; the old object closes ('close' in the
// closing phase) and posting on it does nothing.
const log = console.log;
const { port1, port2 } = new MessageChannel();
const c = new MessageChannel();
c.port1.on('close', () => log('old c.port1 close'));
c.port2.on('message', (m) => log('c.port2 got', m));
c.port2.postMessage('queued for the moving port');
port2.on('message', (m) => {
  log('got', Object.keys(m), m.p instanceof MessagePort, m.p === c.port1);
  m.p.on('message', (x) => {
    log('moved port got', x);
    m.p.close();
  });
  m.p.postMessage('via moved port');
  port2.close();
});
port2.addEventListener('message', (e) => log('ports', e.ports.length, e.ports[0] === e.data.p));
port1.postMessage({ p: c.port1 }, [c.port1]);
c.port1.postMessage('posted on the old object');
log('old hasRef', c.port1.hasRef());
setImmediate(() => log('immediate'));
