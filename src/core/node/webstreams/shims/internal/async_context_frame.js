'use strict';
// Async Timeline: lib/internal/async_context_frame.js (Node 24+). The sandbox's async context
// travels with the simulated promise reactions instead (src/core/runtime/async-context), and
// internal/async_hooks' enabledHooksExist() answers true, so Node's transformstream.js takes its
// async-hooks path (a promise reaction registered in the writer's context): same job order.
module.exports = { current: () => undefined, exchange: () => undefined, set: () => {} };
