// An executor that throws rejects the promise, unless it already resolved.
const log = (s) => console.log(s);
new Promise(() => { throw new Error('thrown in executor'); }).catch((e) => log('1: ' + e.message));
new Promise((r) => { r('resolved before throw'); throw new Error('ignored'); }).then((v) => log('2: ' + v));
new Promise((r) => { r(Promise.resolve('adopting')); throw 'ignored too'; }).then((v) => log('3: ' + v));
log('sync end');
