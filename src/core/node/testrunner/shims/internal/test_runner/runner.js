'use strict';
// Async Timeline: lib/internal/test_runner/runner.js is Node's `node --test` and `run()`: it
// spawns a child Node process per test file and reads their reports. A simulated program runs
// as `node <file>` (the "run the file, report at exit" path of harness.js), so `run()` is refused
// with a clear error when called (requiring node:test, which loads this file, works).
const { NOT_SIMULATED_CODE } = require('../../errors-code.js');

function run() {
  const err = new Error("Async Timeline does not simulate node:test's run(): it starts a Node process per test file. Run the test file itself (`async-timeline run <file> [--test <name pattern>]`).");
  err.code = NOT_SIMULATED_CODE;
  throw err;
}

module.exports = { run };
