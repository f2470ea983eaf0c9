// require(esm), on by default since Node 20.19 and 22.12: the ES module is evaluated synchronously
// inside require(), its named exports and default are properties of what require returns, and its
// ticks and promise jobs run with the requiring script's (CommonJS order: ticks first).
console.log('before require');
const lib = require('./esm-require-esm-lib.mjs');
console.log('after require', lib.answer, lib.double(21), lib.default);
process.nextTick(() => console.log('main tick'));
Promise.resolve().then(() => console.log('main promise'));
