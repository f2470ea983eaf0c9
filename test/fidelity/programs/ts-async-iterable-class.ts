// node: 20
// (Node 22+ refuses this file: it strips types only, and this syntax needs a transform —
// ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX. The simulator still runs it on those targets: not modelled yet.)
// TypeScript: a class implementing AsyncIterable<T> with a typed async generator method.
export {};
class Range implements AsyncIterable<number> {
  constructor(private from: number, private to: number) {}
  async *[Symbol.asyncIterator](): AsyncGenerator<number, void, undefined> {
    for (let i = this.from; i <= this.to; i++) {
      await null;
      yield i;
    }
  }
}
async function sum(it: AsyncIterable<number>): Promise<number> {
  let total = 0;
  for await (const n of it) {
    console.log(`add ${n}`);
    total += n;
  }
  return total;
}
sum(new Range(1, 4)).then((t) => console.log(`total ${t}`));
Promise.resolve().then(() => console.log('m1')).then(() => console.log('m2'));
