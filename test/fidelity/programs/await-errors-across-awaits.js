// An error thrown in a deeply awaited callee propagates through awaits and is caught upstream.
const log = (s) => console.log(s);
async function level3() {
  await null;
  log('level3 throws');
  throw new RangeError('deep');
}
async function level2() {
  try {
    await level3();
  } finally {
    log('level2 finally');
  }
}
async function level1() {
  try {
    await level2();
    log('not reached');
  } catch (e) {
    log('level1 caught ' + e.name + ' ' + e.message);
    return 'recovered';
  }
}
level1().then((v) => log('result ' + v));
Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3')).then(() => log('m4'));
