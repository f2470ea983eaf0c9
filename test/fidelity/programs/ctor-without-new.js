// Calling Promise without new throws a TypeError.
const log = (s) => console.log(s);
try {
  Promise(() => {});
} catch (e) {
  log(e.constructor.name + ': ' + e.message);
}
try {
  Promise.call({}, () => {});
} catch (e) {
  log('call: ' + e.constructor.name);
}
log('typeof Promise.prototype.then: ' + typeof Promise.prototype.then);
log('Promise.length: ' + Promise.length + ', name: ' + Promise.name);
