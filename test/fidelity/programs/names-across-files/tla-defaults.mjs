// An ES module with a top-level await: its body runs as a coroutine, its declarations stay
// module-scoped (instrument/module-tla.ts), and its anonymous default class is still "default".
export class Shape {
  static unit() {
    return new Shape();
  }
}
export default class {
  static kind() {
    return 'anonymous default class after an await';
  }
}
await null;
