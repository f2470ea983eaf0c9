// Node 22+ refuses this file before it runs (it strips types only, and this syntax needs a
// compiler): SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX], exit 1 — the simulator too
// (engine/strip-types.ts). On Node 20 it runs compiled.
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
