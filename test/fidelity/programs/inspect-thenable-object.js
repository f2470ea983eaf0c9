// A thenable is printed as a plain object; a Promise with extra own properties shows them.
console.log({ then() {} });
const p = Promise.resolve(5);
p.extra = 'prop';
console.log(p);
const q = new Promise(() => {});
q.label = 'pending with label';
console.log(q);
