'use strict';
// Async Timeline: module customization hooks (mock.module()): see esm/loader.js.
module.exports = { registerHooks: () => require('./esm/loader.js').getOrInitializeCascadedLoader() };
