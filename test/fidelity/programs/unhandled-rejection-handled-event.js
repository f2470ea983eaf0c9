// With a listener, a late handler triggers 'rejectionHandled' (after 'unhandledRejection').
const log = (s) => console.log(s);
process.on('unhandledRejection', (r) => log('unhandledRejection ' + r));
process.on('rejectionHandled', (p) => log('rejectionHandled, is Promise: ' + (p instanceof Promise)));
const p = Promise.reject('late');
setTimeout(() => {
  log('attaching handler');
  p.catch((r) => log('caught ' + r));
}, 5);
