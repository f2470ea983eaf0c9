'use strict';
// Async Timeline: deep equality is the host's (util.isDeepStrictEqual), as the program's assert is.
const { isDeepStrictEqual } = require('util');
module.exports = { isDeepStrictEqual, isDeepEqual: isDeepStrictEqual };
