'use strict';
// Async Timeline: see async_context_frame.js.
module.exports = { ...require('../../../http/shims/internal/async_hooks.js'), enabledHooksExist: () => true };
