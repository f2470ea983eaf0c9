// Node 20 has neither Promise.withResolvers nor Promise.try.
console.log('withResolvers:', typeof Promise.withResolvers);
console.log('try:', typeof Promise.try);
console.log('own statics:', Object.getOwnPropertyNames(Promise).sort().join(','));
console.log('prototype:', Object.getOwnPropertyNames(Promise.prototype).sort().join(','));
console.log('toStringTag:', Promise.prototype[Symbol.toStringTag]);
