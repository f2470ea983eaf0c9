// node: >=22
// Iterator helpers: lazy, in the order of next()/return() calls on the underlying iterator;
// return() closes it; errors close it; Iterator.from wraps a plain iterator.
const log = [];
function counting(n) {
  let i = 0;
  return {
    __proto__: Iterator.prototype,
    next() { log.push(`next ${i}`); return i < n ? { value: i++, done: false } : { value: undefined, done: true }; },
    return() { log.push('return called'); return {}; },
  };
}
const mapped = counting(5).map((x) => x * 10).filter((x) => x !== 20);
console.log(mapped.next(), mapped.next(), mapped.next());
console.log(mapped.return(), mapped.next());
console.log(counting(10).drop(2).take(3).toArray());
console.log(counting(3).flatMap((x) => [x, `${x}!`]).toArray());
console.log(counting(4).reduce((a, b) => a + b), counting(4).reduce((a, b) => a + b, 100));
console.log(counting(5).some((x) => x === 2), counting(5).every((x) => x < 3), counting(5).find((x) => x > 2));
counting(2).forEach((x, i) => log.push(`forEach ${x} ${i}`));
try { counting(3).map((x) => { throw new Error(`boom ${x}`); }).next(); } catch (e) { console.log(e.message); }
try { counting(3).take(-1); } catch (e) { console.log(e.constructor.name, e.message); }
try { Iterator.prototype.reduce.call(counting(0), (a, b) => a); } catch (e) { console.log(e.constructor.name, e.message); }
try { new Iterator(); } catch (e) { console.log(e.constructor.name, e.message); }
class MyIterator extends Iterator { next() { return { value: 1, done: false }; } }
console.log(new MyIterator().take(2).toArray(), new MyIterator() instanceof Iterator);
const wrapped = Iterator.from({ next() { return { value: 'w', done: false }; } });
console.log(wrapped.take(2).toArray(), Object.prototype.toString.call(wrapped), Object.prototype.toString.call(wrapped.map((x) => x)));
console.log(Iterator.from([1, 2, 3].values()).map((x) => x + 1).toArray(), [...Iterator.from('ab')]);
const notStarted = counting(3).map((x) => x);
console.log(notStarted.return());
console.log(typeof Iterator, Iterator.name, Iterator.prototype === Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())));
console.log(log.join(' | '));
