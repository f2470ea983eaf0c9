// node: >=22
// Function.prototype.toString of a .ts file Node strips: the file's text with every type
// replaced by blanks (amaro keeps positions), as Node prints it; no instrumentation.
interface Point { x: number; y: number }
function norm(p: Point, scale: number = 1): number {
  // a comment stays
  return Math.hypot(p.x, p.y) * scale;
}
const identity = <T,>(value: T): T => value;
class Store<T> {
  private items: T[] = [];
  static empty(): Store<never> { return new Store(); }
  add(item: T): this { this.items.push(item); return this; }
}
console.log(norm.toString());
console.log(identity.toString());
console.log(Store.toString());
console.log(Store.empty.toString());
console.log(Store.prototype.add.toString());
