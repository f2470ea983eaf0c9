'use strict';
// Async Timeline: `internalBinding(name)` for the test runner's files of lib/: what they need of
// Node's native bindings; everything else is the web streams port's (../../webstreams/shims/bindings.js).
const { internalBinding: webstreamsBinding } = require('../../webstreams/shims/bindings.js');
const { real } = require('../../host.ts');
const callerLocation = require('./caller-location.js');

const made = new Map();

function make(name) {
  switch (name) {
    case 'util':
      return { ...webstreamsBinding('util'), getCallerLocation: callerLocation.getCallerLocation };
    case 'errors':
      // src/node_exit_code.h
      return { exitCodes: { kNoFailure: 0, kGenericUserError: 1 } };
    case 'types':
      return real('util').types;
    default:
      return webstreamsBinding(name);
  }
}

function internalBinding(name) {
  if (!made.has(name)) made.set(name, make(name));
  return made.get(name);
}

module.exports = { internalBinding };
