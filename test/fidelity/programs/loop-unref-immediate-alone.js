// A top-level setImmediate(...).unref() with nothing else alive: the loop does not iterate,
// the immediate never runs ('beforeExit' and 'exit' do); one made in 'beforeExit' neither.
const log = (s) => console.log(s);
const im = setImmediate(() => log('never: unref immediate'));
im.unref();
log('hasRef: ' + im.hasRef());
let rounds = 0;
process.on('beforeExit', () => {
  log('beforeExit #' + ++rounds);
  if (rounds === 1) setImmediate(() => log('never: unref immediate from beforeExit')).unref();
});
process.on('exit', (code) => log('exit ' + code));
