// A sloppy CommonJS script under a project whose tsconfig.json says `"strict": true` (this
// repository's does): Node never reads tsconfig.json, so the script stays sloppy — `with`, a
// plain call's `this` is the global object, assignment to an undeclared name makes a global,
// `arguments` tracks the parameters. The simulator used to hand the tsconfig to its bundler,
// which made every file under it strict (`with` refused before anything ran).
function plain() {
  return this === globalThis;
}
function tracks(a) {
  a = 2;
  return arguments[0];
}
with ({ inWith: 'with works' }) console.log(inWith);
console.log('plain call this is the global:', plain());
console.log('arguments tracks parameters:', tracks(1));
undeclaredName = 'made a global';
console.log(globalThis.undeclaredName);
setTimeout(function () {
  console.log('timer this is a Timeout:', this.constructor.name, 'octal', 010);
}, 1);
Promise.resolve().then(function () {
  console.log('reaction this is undefined in sloppy code too?', this === undefined, this === globalThis);
});
