'use strict';
// Async Timeline: lib/internal/options.js for the test runner. Node reads its options from the
// command line it was started with; a simulated run is `node <file>` plus what the program's
// `process.execArgv` holds (`async-timeline run --test <pattern>` runs with
// `--test-name-pattern=<pattern>` there from the start, RunOptions.execArgv, as
// `node --test-name-pattern=<pattern> <file>` would: Node 20's runner reads it when node:test
// loads, before an ES module's first line).
// Every other option is at Node's default for `node <file>` (no --test).

const LIST_OPTIONS = new Set([
  '--test-name-pattern', '--test-skip-pattern', '--test-reporter', '--test-reporter-destination',
  '--experimental-test-tag-filter', '--test-coverage-include', '--test-coverage-exclude', '--import', '--require',
]);
const VALUE_OPTIONS = new Set(['--test-timeout', '--test-concurrency', '--test-shard', '--test-isolation',
  '--test-global-setup', '--test-rerun-failures', '--test-random-seed',
  '--test-coverage-branches', '--test-coverage-lines', '--test-coverage-functions']);
const DEFAULTS = {
  '--test-isolation': 'process',
  '--test-coverage-branches': 0,
  '--test-coverage-lines': 0,
  '--test-coverage-functions': 0,
  '--test-random-seed': 0,
};

function parse() {
  const out = { __proto__: null };
  const argv = (typeof process !== 'undefined' && Array.isArray(process.execArgv)) ? process.execArgv : [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) continue;
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const takesValue = LIST_OPTIONS.has(name) || VALUE_OPTIONS.has(name);
    let value = true;
    if (takesValue) value = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (LIST_OPTIONS.has(name)) (out[name] ??= []).push(value);
    else if (VALUE_OPTIONS.has(name) && /^(--test-timeout|--test-concurrency|--test-random-seed|--test-coverage-)/.test(name)) out[name] = Number(value);
    else out[name] = value;
  }
  return out;
}

function getOptionValue(name) {
  const given = parse();
  if (name === '[has_test_random_seed]') return given['--test-random-seed'] !== undefined;
  if (name in given) return given[name];
  if (LIST_OPTIONS.has(name)) return [];
  if (name in DEFAULTS) return DEFAULTS[name];
  if (VALUE_OPTIONS.has(name)) return undefined;
  return false;
}

function getOptionsAsFlagsFromBinding() {
  return [];
}

module.exports = { getOptionValue, getOptionsAsFlagsFromBinding };
