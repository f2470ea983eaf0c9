/**
 * Node built-in modules the simulation does not run yet, and would otherwise hand over as the
 * host's real module. Their asynchronous parts queue work on the host's own event loop, which
 * does not turn while the simulated one runs: callbacks would be lost without a word (an
 * `https.get` error, a `node:test` test body), or, for the network ones, reach a real host.
 * `require` of one of these throws this module's error at the program's `require`/`import`
 * line instead, so the user reads why (docs/io-model.md, "What is not simulated").
 */

/** Why each module is refused: the end of the sentence "… is not simulated yet: <why>". */
const NOT_SIMULATED: Readonly<Record<string, string>> = {
  https: 'its connections and callbacks would run on the real event loop, outside the simulated one, and reach the network for real. Plain `http` (and `net`) on the loopback is simulated',
  tls: 'its connections and callbacks would run on the real event loop, outside the simulated one, and reach the network for real. Plain `net` on the loopback is simulated',
  http2: 'its sessions and callbacks would run on the real event loop, outside the simulated one. Plain `http` on the loopback is simulated',
  dgram: 'its UDP sockets would deliver on the real event loop, outside the simulated one',
  cluster: 'its workers are real processes whose messages would arrive on the real event loop, outside the simulated one. `worker_threads` and `child_process` are simulated',
  test: 'its runner is Node’s internal test harness, which schedules the tests on the real event loop, outside the simulated one (their output would be lost). Tests written with mocha can be visualized (`async-timeline run <file> --test <name>`)',
  'test/reporters': 'it belongs to node:test, whose runner schedules the tests on the real event loop, outside the simulated one',
};

/** The error code, so tools and tests can tell this refusal from the program's own errors. */
export const NOT_SIMULATED_CODE = 'ERR_ASYNC_TIMELINE_NOT_SIMULATED';

/** The sentence for a refused built-in (`name` with or without `node:`), or undefined if it is allowed. */
export function notSimulatedReason(name: string): string | undefined {
  const bare = name.startsWith('node:') ? name.slice(5) : name;
  const why = Object.prototype.hasOwnProperty.call(NOT_SIMULATED, bare) ? NOT_SIMULATED[bare] : undefined;
  return why === undefined ? undefined : `Async Timeline does not simulate the '${name}' module yet: ${why}.`;
}
