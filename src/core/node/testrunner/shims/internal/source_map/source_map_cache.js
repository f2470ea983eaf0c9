'use strict';
// Async Timeline: Node's source map cache (--enable-source-maps, off for `node <file>`): none.
module.exports = { findSourceMap: () => undefined };
