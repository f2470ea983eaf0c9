'use strict';

// Async Timeline: the parts of Node's internal modules (internal/errors' codes, internal/validators,
// internal/util) that events.js copies and event-target.js / abort-controller.js use too. events.js
// fills this object when it is evaluated; those files require 'events' first, then read it.
module.exports = {};
