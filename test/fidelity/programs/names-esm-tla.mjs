// node: 20,22,24,26
// An ES module graph with top-level awaits (module records): the names of a second file's
// class, of one that names itself inside its body, and of an anonymous default class.
import Anonymous, { Shape as OtherShape } from './names-across-files/tla-defaults.mjs';

class Shape {
  static unit() {
    return new Shape();
  }
}
await null;
console.log(Shape.name, OtherShape.name, Shape.unit(), OtherShape.unit(), Anonymous.name, Anonymous.kind(), new Anonymous());
