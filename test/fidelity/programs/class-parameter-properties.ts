// node: 20
// (Node 22+ refuses this file: it strips types only, and this syntax needs a transform —
// ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX. The simulator still runs it on those targets: not modelled yet.)
// TypeScript: parameter properties, class field initialization order with async methods.
export {};
class Service {
  ready: Promise<string>;
  constructor(public readonly name: string, private delay: number) {
    console.log(`constructing ${name}`);
    this.ready = this.init();
  }
  private async init(): Promise<string> {
    console.log(`init ${this.name} start`);
    await new Promise<void>((r) => setTimeout(r, this.delay));
    console.log(`init ${this.name} end`);
    return this.name;
  }
}
const services = [new Service('db', 30), new Service('cache', 10)];
Promise.all(services.map((s) => s.ready)).then((names) => console.log(`ready: ${names.join(', ')}`));
console.log('constructed all');
