'use strict';
// Async Timeline: no cluster in the simulation: this process is always the primary.
module.exports = { isPrimary: true, isMaster: true, isWorker: false };
