// node: <24
// `using` is not syntax before Node 24: the file does not run, and the SyntaxError names the line.
console.log('never printed');
function f() {
  using handle = { [Symbol.dispose]() {} };
}
f();
