// Unhandled rejection in an ES module (non-Error reason): stderr and exit code 1.
console.log('esm start');
Promise.reject('esm reason');
setTimeout(() => console.log('never'), 5);
