// What postMessage refuses, with Node's errors: symbols and functions (DataCloneError), a port
// that is in the message but not in the transfer list, the source port, invalid transfer values,
// a non-iterable transfer list. Nothing is sent and nothing is detached when it throws.
const log = console.log;
const { port1, port2 } = new MessageChannel();
const other = new MessageChannel();
const show = (what, f) => {
  try {
    f();
    log(what, 'ok');
  } catch (e) {
    log(what, '->', e.constructor.name, e.name, e.code, e.message.endsWith('could not be cloned.') ? 'could not be cloned.' : e.message);
  }
};
show('symbol', () => port1.postMessage(Symbol('s')));
show('nested symbol', () => port1.postMessage({ a: [1, Symbol.iterator] }));
show('function', () => port1.postMessage({ f() {} }));
show('promise', () => port1.postMessage(new WeakMap()));
show('port not listed', () => port1.postMessage({ p: other.port1 }));
show('source port', () => port1.postMessage(1, [port1]));
show('invalid value', () => port1.postMessage(1, [{}]));
show('not iterable', () => port1.postMessage(1, 5));
const buf = new ArrayBuffer(8);
show('symbol with transfer', () => port1.postMessage([buf, Symbol('x')], [buf]));
log('buffer kept', buf.byteLength);
show('structuredClone symbol', () => structuredClone(Symbol('y')));
show('structuredClone function', () => structuredClone(() => 1));
port2.on('message', (m) => {
  log('only the valid message arrives:', m);
  port2.close();
  other.port1.close();
});
port1.postMessage('valid');
