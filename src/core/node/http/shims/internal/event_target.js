'use strict';
// Async Timeline: the sandbox's event_target port (src/core/node/event-target.js).
module.exports = require('../../../event-target');
