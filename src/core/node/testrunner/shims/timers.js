'use strict';
// Async Timeline: the sandbox's very `timers` module (the runtime's, the one the program
// requires), so the runner's setTimeout/setImmediate are the simulated loop's and
// `t.mock.timers` patches the same object the program's `require('timers')` gives, as in Node.
module.exports = require('../../host').real('sandbox:timers');
