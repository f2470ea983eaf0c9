'use strict';
// Async Timeline: the sandbox's AbortController/AbortSignal (src/core/node/abort-controller.js).
module.exports = require('../../../abort-controller.js');
