// TypeScript: a class with private async methods (#m and `private`), fields and awaits.
export {};
class Counter {
  #count = 0;
  private readonly label: string;
  constructor(label: string) {
    this.label = label;
  }
  async #bump(by: number): Promise<number> {
    await null;
    this.#count += by;
    return this.#count;
  }
  private async twice(by: number): Promise<number> {
    await this.#bump(by);
    return this.#bump(by);
  }
  async run(): Promise<string> {
    const v = await this.twice(2);
    return `${this.label}: ${v}`;
  }
}
const a = new Counter('a');
const b = new Counter('b');
a.run().then((s: string) => console.log(s));
b.run().then((s: string) => console.log(s));
Promise.resolve().then(() => console.log('m1')).then(() => console.log('m2')).then(() => console.log('m3'));
