// import() of ES modules with a top-level await (esm-tla-dynamic/): the module and its static
// imports run when imported, and the import's promise settles only after the module's own
// await — a second import of it waits too; a module whose evaluation throws rejects the import.
// The entry has no static import of them.
console.log('main starts');
const first = import('./esm-tla-dynamic/lazy.mjs').then((m) => console.log('first import settles, value', m.value));
setTimeout(() => console.log('timer 200'), 200); // Node 20's loader reads the files asynchronously: no short timer races it
await first;
const again = await import('./esm-tla-dynamic/lazy.mjs');
console.log('second import, value', again.value);
try {
  await import('./esm-tla-dynamic/failing.mjs');
} catch (e) {
  console.log('import rejected:', e.message);
}
console.log('main ends');
