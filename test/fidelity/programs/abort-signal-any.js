// AbortSignal.any([a, b]): aborts with the first source's reason; when a source aborts, the
// source's own listeners and the composite's listeners run in which order; an already
// aborted input makes the composite aborted at once.
const log = (s) => console.log(s);
const a = new AbortController();
const b = new AbortController();
a.signal.addEventListener('abort', () => log('a listener (before any)'));
const any = AbortSignal.any([a.signal, b.signal]);
a.signal.addEventListener('abort', () => log('a listener (after any) any.aborted=' + any.aborted));
any.addEventListener('abort', () => log('any listener reason=' + any.reason));
b.signal.addEventListener('abort', () => log('b listener'));
log('any aborted ' + any.aborted);
setTimeout(() => {
  a.abort('from a');
  log('after a.abort any.reason=' + any.reason);
  b.abort('from b');
  log('after b.abort any.reason=' + any.reason);
  const pre = AbortSignal.any([new AbortController().signal, AbortSignal.abort('already')]);
  log('pre-aborted any ' + pre.aborted + ' ' + pre.reason);
  const nested = new AbortController();
  const outer = AbortSignal.any([AbortSignal.any([nested.signal])]);
  outer.addEventListener('abort', () => log('nested any reason=' + outer.reason));
  nested.abort('deep');
}, 10);
