// Top-level await: the module body suspends; microtasks/nextTicks scheduled before run around it.
const log = (s) => console.log(s);
process.nextTick(() => log('nextTick before TLA'));
Promise.resolve().then(() => log('promise before TLA'));
log('before await');
const v = await Promise.resolve('tla value');
log('after await: ' + v);
process.nextTick(() => log('nextTick after TLA'));
Promise.resolve().then(() => log('promise after TLA'));
await null;
log('after second await');
