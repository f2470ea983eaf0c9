'use strict';
// Async Timeline: util.inspect and util.format for internal/errors' messages: the host's.
const util = require('util');
module.exports = { inspect: util.inspect, format: util.format, formatWithOptions: util.formatWithOptions, inspectDefaultOptions: util.inspect.defaultOptions };
