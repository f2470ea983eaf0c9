// console.log of promises in each state (non-Error reasons so no stack traces).
const p1 = new Promise(() => {});
const p2 = Promise.resolve(42);
const p3 = Promise.reject('a string reason');
p3.catch(() => {});
const p4 = Promise.resolve('str');
const p5 = Promise.resolve(undefined);
const p6 = Promise.resolve({ a: 1, b: [1, 2] });
console.log(p1);
console.log(p2);
console.log(p3);
console.log(p4);
console.log(p5);
console.log(p6);
