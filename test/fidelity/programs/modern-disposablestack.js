// node: >=24
// DisposableStack: last in, first out; adopt/defer/use/move; errors chained in SuppressedError;
// a disposed stack refuses more work.
const res = (name) => ({ [Symbol.dispose]() { console.log(`dispose ${name}`); } });
const stack = new DisposableStack();
stack.use(res('a'));
stack.defer(() => console.log('deferred'));
console.log(stack.adopt('handle', (h) => console.log(`adopted ${h}`)));
stack.use(null);
stack.use(undefined);
const moved = stack.move();
console.log(stack.disposed, moved.disposed);
moved.use(res('b'));
moved[Symbol.dispose]();
console.log(moved.disposed);
moved.dispose();
for (const bad of [() => moved.use(res('c')), () => stack.defer(() => {}), () => new DisposableStack().use(42), () => new DisposableStack().use({}), () => new DisposableStack().defer(1), () => DisposableStack()]) {
  try { bad(); } catch (e) { console.log(e.constructor.name, e.message); }
}
const failing = new DisposableStack();
failing.defer(() => { throw new Error('first added'); });
failing.defer(() => console.log('still runs'));
failing.defer(() => { throw new Error('last added'); });
try {
  failing.dispose();
} catch (e) {
  console.log(e.constructor.name, e.message, e.error.message, e.suppressed.message, e instanceof Error, Object.getOwnPropertyNames(e));
}
const s = new SuppressedError('err', 'sup', 'msg');
console.log(s.name, s.message, s.error, s.suppressed, SuppressedError.length, Object.prototype.toString.call(new DisposableStack()));
