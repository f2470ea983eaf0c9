'use strict';
// Async Timeline: see ../esm/loader.js. mock.js reads these four names at load; only
// mock.module() (module mocking, behind a flag) calls them.
const { builtinModules } = require('module');
const refuse = () => require('../esm/loader.js').getOrInitializeCascadedLoader();
module.exports = {
  Module: {
    _load: refuse,
    _nodeModulePaths: refuse,
    _resolveFilename: refuse,
    isBuiltin: (name) => builtinModules.includes(name.startsWith('node:') ? name.slice(5) : name),
  },
};
