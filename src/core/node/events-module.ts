/**
 * `events` in the sandbox: Node's lib/events.js, ported (events.js) to run on the sandbox's
 * globals, so `events.once`, `events.on` and `captureRejections` use the simulated loop's
 * promises and ticks.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const events = require('events');
