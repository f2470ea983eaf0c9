// node: 20,22,24,26
// A program of several files: a function or class declared at the top level of two files under
// the same name, a class that names itself inside its body, and anonymous default exports keep
// the names Node gives them (`name`, what console.log prints of an instance, stack frames).
const shapes = require('./names-across-files/shapes.js');

function helper() {
  return 'entry helper';
}
class Shape {
  static unit() {
    return new Shape();
  }
  fail() {
    throw new Error('from ' + this.constructor.name);
  }
}
class Named {
  static name() {
    return 'a static name method stays';
  }
}
console.log(helper.name, shapes.helper.name, helper(), shapes.helper());
console.log(Shape.name, shapes.Shape.name, Shape.unit(), shapes.Shape.unit(), [new Shape(), new shapes.Shape()]);
console.log(typeof Named.name, Named.name());
try {
  new Shape().fail();
} catch (e) {
  console.log(e.stack.split('\n').slice(0, 2).join('\n'));
}

async function main() {
  const { default: Anonymous } = await import('./names-across-files/defaults.mjs');
  const { default: arrow } = await import('./names-across-files/arrow-default.mjs');
  console.log(Anonymous.name, Anonymous.kind(), new Anonymous(), arrow.name, arrow());
}
main();
