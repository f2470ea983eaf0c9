'use strict';
// Async Timeline: the sandbox's `timers/promises` (see ../timers.js).
module.exports = require('../../../host').real('sandbox:timers/promises');
