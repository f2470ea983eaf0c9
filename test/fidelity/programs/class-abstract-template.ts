// TypeScript: abstract class with an async template method and overridden async hooks.
export {};
abstract class Job {
  protected log: string[] = [];
  abstract step(n: number): Promise<void>;
  async run(steps: number): Promise<string[]> {
    for (let i = 0; i < steps; i++) {
      await this.step(i);
    }
    return this.log;
  }
}
class Fast extends Job {
  async step(n: number): Promise<void> {
    this.log.push(`fast ${n}`);
    console.log(`fast ${n}`);
  }
}
class Slow extends Job {
  override async step(n: number): Promise<void> {
    await new Promise<void>((r) => setTimeout(r, 10));
    this.log.push(`slow ${n}`);
    console.log(`slow ${n}`);
  }
}
Promise.all([new Slow().run(2), new Fast().run(3)]).then(([s, f]) => console.log(JSON.stringify({ s, f })));
