// The executor runs synchronously; resolve/reject functions have length 1 and no name prop tricks.
const log = (s) => console.log(s);
log('before');
new Promise((resolve, reject) => {
  log('executor runs synchronously');
  log('resolve.length ' + resolve.length + ', reject.length ' + reject.length);
  log('typeof ' + typeof resolve);
  resolve();
});
log('after');
