// A port without a listener queues its messages (and does not keep the program alive); the first
// 'message' listener (or onmessage, or start()) starts it and the queue comes in the next poll
// phase. once('message') stops the port again after one message: the rest waits for a listener.
const log = console.log;
const { port1, port2 } = new MessageChannel();
port1.postMessage('q1');
port1.postMessage('q2');
port1.postMessage('q3');
const c = new MessageChannel();
setImmediate(() => {
  log('immediate: attach once');
  port2.once('message', (m) => {
    log('once got', m);
    setImmediate(() => {
      log('immediate: attach again');
      port2.addEventListener('message', (e) => {
        log('event got', e.data, e.ports.length, e.type);
        if (e.data === 'q3') {
          log('receiveMessageOnPort:', require('worker_threads').receiveMessageOnPort(c.port2));
          port2.close();
          c.port2.close();
        }
      });
      setImmediate(() => log('immediate after attach again'));
    });
  });
  process.nextTick(() => log('tick after attach'));
  setImmediate(() => log('immediate after attach'));
});
c.port2.onmessage = (e) => {
  log('onmessage', e.data);
  c.port2.onmessage = null;
};
c.port1.postMessage('first');
c.port1.postMessage('second (port stopped when onmessage was cleared)');
