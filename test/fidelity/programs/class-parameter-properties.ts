// Node 22+ refuses this file before it runs (it strips types only, and this syntax needs a
// compiler): SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX], exit 1 — the simulator too
// (engine/strip-types.ts). On Node 20 it runs compiled.
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
