'use strict';
// Preload for events-port.check.cjs: `require('events')` / `require('node:events')` give the
// port (src/core/node/events.js) to everyone but the port itself.
const Module = require('node:module');
const path = require('node:path');

const PORT = path.resolve(__dirname, '../../../src/core/node/events.js');
const load = Module._load;
Module._load = function(request, parent, isMain) {
  if ((request === 'events' || request === 'node:events') && parent?.filename !== PORT) {
    return load.call(this, PORT, parent, isMain);
  }
  return Reflect.apply(load, this, arguments);
};
