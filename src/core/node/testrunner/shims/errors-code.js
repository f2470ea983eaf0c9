'use strict';
// The code of the simulation's "not simulated" errors (src/core/engine/not-simulated.ts).
module.exports = { NOT_SIMULATED_CODE: 'ERR_ASYNC_TIMELINE_NOT_SIMULATED' };
