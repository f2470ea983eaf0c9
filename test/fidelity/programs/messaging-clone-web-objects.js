// structuredClone of Node's web objects, as each line's serializer judges them: fetch's Headers,
// Request, Response, FormData (plain {} on Node 20, DataCloneError on 22+: undici marks them
// uncloneable), a URL (22+ refuses it), a DOMException (a DOMException again on 22+, {} on 20),
// a ReadableStream outside the transfer list (TypeError on 20, DataCloneError on 22+), a
// MessageChannel (its ports must be transferred), errors with a cause, getters (run once).
const log = console.log;
const show = (what, make) => {
  let value;
  try {
    value = structuredClone(make());
  } catch (e) {
    log(what, '->', e.constructor.name, e.name, e.code, e.message);
    return;
  }
  log(what, Object.prototype.toString.call(value), value.constructor.name, Object.keys(value));
};
show('Headers', () => new Headers({ a: '1' }));
show('Request', () => new Request('http://example.com/'));
show('Response', () => new Response('hi'));
show('FormData', () => new FormData());
show('URL', () => new URL('http://example.com/a?b=1'));
show('nested Headers', () => ({ list: [1, { h: new Headers() }] }));
show('ReadableStream', () => new ReadableStream());
show('stream in a Map', () => new Map([['s', new WritableStream()]]));
show('MessageChannel', () => new MessageChannel());
show('AbortSignal', () => AbortSignal.abort());
show('EventTarget', () => new EventTarget());
const d = structuredClone(new DOMException('gone', 'AbortError'));
log('DOMException', Object.prototype.toString.call(d), d instanceof DOMException, d.name, d.message, d.code);
class AppError extends Error {
  constructor(message, options) {
    super(message, options);
    this.status = 503;
  }
}
const e = structuredClone(new AppError('down', { cause: new RangeError('inner') }));
log(Object.getPrototypeOf(e) === Error.prototype, e.name, e.message, e.status, e.cause instanceof RangeError, e.cause.message);
let reads = 0;
const withGetter = { get value() { reads++; return reads; } };
log(structuredClone(withGetter), 'getter ran', reads);
const m = structuredClone(new Map([[{ k: 1 }, new Set([new Date(5), /x/g, new Uint16Array([7, 8])])]]));
const [[key, set]] = m;
log(key, [...set].map((v) => Object.prototype.toString.call(v)), [...set][2][1]);
Promise.resolve().then(() => log('promise job after all the clones'));
