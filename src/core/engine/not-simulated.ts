/**
 * Node built-in modules the simulation does not run yet, and would otherwise hand over as the
 * host's real module. Their asynchronous parts queue work on the host's own event loop, which
 * does not turn while the simulated one runs: callbacks would be lost without a word (an
 * `https.get` error, a `node:test` test body), or, for the network ones, reach a real host.
 * `require` of one of these throws this module's error at the program's `require`/`import`
 * line instead, so the user reads why (docs/io-model.md, "What is not simulated").
 */

import { NODE_TEST_LINES } from '../node/modules';

/** Why each module is refused: the end of the sentence "… is not simulated yet: <why>". */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  https: 'its connections and callbacks would run on the real event loop, outside the simulated one, and reach the network for real. Plain `http` (and `net`) on the loopback is simulated',
  tls: 'its connections and callbacks would run on the real event loop, outside the simulated one, and reach the network for real. Plain `net` on the loopback is simulated',
  http2: 'its sessions and callbacks would run on the real event loop, outside the simulated one. Plain `http` on the loopback is simulated',
  dgram: 'its UDP sockets would deliver on the real event loop, outside the simulated one',
  cluster: 'its workers are real processes whose messages would arrive on the real event loop, outside the simulated one. `worker_threads` and `child_process` are simulated',
};

/**
 * node:test is Node's own runner of each line, ported line by line (src/core/node/testrunner,
 * NODE_TEST_LINES): on a line not ported, the host's runner would schedule the tests on the real
 * event loop, outside the simulated one.
 */
const NOT_SIMULATED_ON_LINE: Readonly<Record<string, (major: number) => string>> = {
  test: (major) => `its runner is Node’s internal test harness, ported for Node ${NODE_TEST_LINES.join(', ')} but not for Node ${major}: the host’s would schedule the tests on the real event loop, outside the simulated one (their output would be lost). Run with --node ${NODE_TEST_LINES[NODE_TEST_LINES.length - 1]}, or write the tests with mocha`,
  'test/reporters': (major) => `it belongs to node:test, ported for Node ${NODE_TEST_LINES.join(', ')} but not for Node ${major}: the host’s runner would schedule the tests on the real event loop, outside the simulated one`,
};

export { NOT_SIMULATED_CODE } from '../runtime/host-api';

/** Whether the imitated Node line runs node:test inside the simulation. */
export function nodeTestSimulated(nodeMajor: number): boolean {
  return NODE_TEST_LINES.includes(nodeMajor);
}

/**
 * The sentence for a refused built-in (`name` with or without `node:`) on the imitated Node line
 * (absent: 20), or undefined if it is allowed.
 */
export function notSimulatedReason(name: string, nodeMajor = 20): string | undefined {
  const bare = name.startsWith('node:') ? name.slice(5) : name;
  const own = (table: object): boolean => Object.prototype.hasOwnProperty.call(table, bare);
  const why = own(NOT_SIMULATED) ? NOT_SIMULATED[bare] : own(NOT_SIMULATED_ON_LINE) && !nodeTestSimulated(nodeMajor) ? NOT_SIMULATED_ON_LINE[bare](nodeMajor) : undefined;
  return why === undefined ? undefined : `Async Timeline does not simulate the '${name}' module yet: ${why}.`;
}
