// postMessage of a DOMException (one again on Node 22+, {} on 20), an error with a cause (kind and
// cause kept) and a URL (refused on 22+ with DataCloneError, at the call: nothing is sent).
const log = console.log;
const { port1, port2 } = new MessageChannel();
port2.on('message', (m) => {
  log(Object.prototype.toString.call(m.d), m.d instanceof DOMException, m.d.name, m.d.message, m.d.code);
  log(m.e instanceof TypeError, m.e.message, m.e.cause, m.u instanceof URL);
  port2.close();
});
const message = () => ({ d: new DOMException('x', 'TimeoutError'), e: new TypeError('t', { cause: [1] }) });
try {
  port1.postMessage({ ...message(), u: new URL('http://a/') });
} catch (e) {
  log(e.name, e.message);
  port1.postMessage(message());
}
