// Handling a rejection only in a later timer is too late: the process crashes first.
const log = (s) => console.log(s);
const p = Promise.reject(new Error('handled too late'));
setTimeout(() => {
  p.catch(() => log('late handler (never)'));
}, 10);
log('sync end');
