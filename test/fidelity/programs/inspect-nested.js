// Promises nested inside objects, arrays, Maps and Sets.
const rejected = Promise.reject(7);
rejected.catch(() => {});
console.log({ pending: new Promise(() => {}), value: Promise.resolve(1), rejected });
console.log([Promise.resolve('a'), [Promise.resolve(['deep'])]]);
console.log(new Map([['k', Promise.resolve('v')]]));
console.log(new Set([Promise.resolve(null)]));
console.log('%s and %o', 'format', Promise.resolve(2));
console.log(Promise.resolve(Promise.resolve(3)));
console.log({ nested: { deeper: { deepest: Promise.resolve({ x: { y: { z: 1 } } }) } } });
