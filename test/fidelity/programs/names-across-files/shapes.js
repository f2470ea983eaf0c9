// Names the entry declares too: the bundle's one scope of top-level names would rename these.
function helper() {
  return 'shapes helper';
}
class Shape {
  static unit() {
    return new Shape(); // names itself inside its body
  }
  area() {
    return 0;
  }
}
module.exports = { helper, Shape };
