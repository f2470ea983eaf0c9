// Several unhandled rejections: the first one reported terminates the process.
const log = (s) => console.log(s);
Promise.reject('first reason');
Promise.reject('second reason');
log('sync end');
