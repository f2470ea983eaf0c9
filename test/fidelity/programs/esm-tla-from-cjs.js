// A CommonJS entry that import()s ES modules with a top-level await (esm-tla-from-cjs/): Node
// runs them — only require() of such a graph is refused — and the import settles after the
// module's own await; a module whose await rejects rejects the import. An ES module without an
// await that the entry require()s runs at the require, its own import first.
console.log('main starts, CommonJS:', typeof require === 'function');
const { label } = require('./esm-tla-from-cjs/plain.mjs');
console.log('required', label);
const config = import('./esm-tla-from-cjs/config.mjs').then((m) => {
  console.log('config imported, port', m.port, 'ready', m.ready);
  return m;
});
process.nextTick(() => console.log('tick after main'));
setTimeout(() => console.log('timer 300'), 300); // Node 20's loader reads the files asynchronously: no short timer races it
config.then(async () => {
  const again = await import('./esm-tla-from-cjs/config.mjs');
  console.log('second import, port', again.port);
  try {
    await import('./esm-tla-from-cjs/failing.mjs');
  } catch (e) {
    console.log('failing import rejects:', e.message);
  }
});
console.log('main ends');
