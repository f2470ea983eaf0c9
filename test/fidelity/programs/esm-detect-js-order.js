// node: 20
// A .js file with export syntax under a package.json without "type" runs as an ES module (syntax
// detection, Node 20.19+, with Node's MODULE_TYPELESS_PACKAGE_JSON warning): promise jobs before
// nextTicks at its top level, and Node 20's loader (which reads the file with fs.promises) runs it in
// the poll phase of the first loop iteration, so the immediate comes before the setTimeout(0).
export {};
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('promise'));
queueMicrotask(() => console.log('microtask'));
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
console.log('sync');
