'use strict';
// Async Timeline: async ids for net/http (lib/internal/async_hooks.js). Async hooks do not run
// inside the simulation, so ids are plain counters and the trigger scope just calls the function.
let nextId = 1;
const async_id_symbol = Symbol('asyncId');
const trigger_async_id_symbol = Symbol('triggerId');
const owner_symbol = Symbol('owner_symbol');
module.exports = {
  newAsyncId: () => nextId++,
  getOrSetAsyncId(object) {
    if (Object.prototype.hasOwnProperty.call(object, async_id_symbol)) return object[async_id_symbol];
    return (object[async_id_symbol] = nextId++);
  },
  defaultTriggerAsyncIdScope(_triggerAsyncId, block, ...args) {
    return Reflect.apply(block, null, args);
  },
  executionAsyncId: () => 0,
  triggerAsyncId: () => 0,
  symbols: { async_id_symbol, trigger_async_id_symbol, owner_symbol },
};
