// readable-stream's `require('process/')`: the sandbox's own process (its nextTick is the simulated loop's).
module.exports = globalThis.process;
