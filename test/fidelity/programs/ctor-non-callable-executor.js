// new Promise with a non-callable executor throws a TypeError synchronously.
const log = (s) => console.log(s);
for (const bad of [undefined, null, 42, 'str', {}]) {
  try {
    new Promise(bad);
    log('no error?');
  } catch (e) {
    log(e.constructor.name + ' for ' + String(bad));
  }
}
