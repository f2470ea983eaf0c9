// Node 20: Timeout and Immediate have [Symbol.dispose] (Symbol.for('nodejs.dispose')), which
// clears them.
const log = (s) => console.log(s);
log(typeof Symbol.dispose + ' ' + (Symbol.dispose === Symbol.for('nodejs.dispose')));
const t = setTimeout(() => log('never: disposed timeout'), 10);
const im = setImmediate(() => log('never: disposed immediate'));
const iv = setInterval(() => log('never: disposed interval'), 5);
log(typeof t[Symbol.dispose] + ' ' + typeof im[Symbol.dispose]);
log('own symbol on prototypes: ' + Object.getOwnPropertySymbols(Object.getPrototypeOf(t)).includes(Symbol.dispose) + ' ' +
  Object.getOwnPropertySymbols(Object.getPrototypeOf(im)).includes(Symbol.dispose));
log('enumerable: ' + Object.getOwnPropertyDescriptor(Object.getPrototypeOf(t), Symbol.dispose).enumerable);
t[Symbol.dispose]();
im[Symbol.dispose]();
iv[Symbol.dispose]();
log('hasRef after dispose: ' + t.hasRef() + ' ' + im.hasRef());
t[Symbol.dispose](); // twice is fine
const later = setTimeout(() => log('kept timer'), 20);
setTimeout(() => later[Symbol.dispose](), 10);
setTimeout(() => log('last'), 30);
process.on('exit', () => log('exit'));
