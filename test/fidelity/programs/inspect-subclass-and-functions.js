// util.inspect of a Promise subclass, async functions, async generators and their objects.
const util = require('node:util');
class MyP extends Promise {}
console.log(MyP.resolve(1));
console.log(new MyP(() => {}));
async function af() {}
async function* ag() {}
const arrow = async () => {};
console.log(af, ag, arrow);
console.log(ag());
console.log(Object.prototype.toString.call(af), Object.prototype.toString.call(ag()), Object.prototype.toString.call(Promise.resolve()));
console.log(util.types.isPromise(Promise.resolve()), util.types.isPromise({ then() {} }), util.types.isAsyncFunction(af), util.types.isAsyncFunction(function () {}));
console.log(util.inspect(Promise.resolve('x'), { depth: 0 }));
console.log(String(Promise.resolve()), `${Promise.resolve()}`);
console.log(JSON.stringify({ p: Promise.resolve(1) }));
