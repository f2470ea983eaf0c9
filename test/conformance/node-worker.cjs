/**
 * One shard of the real-Node side, run BY the real Node of the version under test
 * (test/nodes/node_modules/node<NN>/bin/node): plain CommonJS, no TypeScript.
 *
 * A script test runs as `node file.js` would run it — the program wrapped in Node's CommonJS
 * module wrapper — but in a fresh vm context per test instead of a fresh process (thousands of
 * processes would take minutes): the context gets what Node's bootstrap adds to the main realm
 * that a vm context lacks (Node 20/22's `Symbol.dispose`/`asyncDispose`), and `console.log` for
 * `print`. An uncaught exception ends the test as it would end the process; unhandled
 * rejections are noted but, as in test262, are not failures (the simulator side runs with
 * `--unhandled-rejections=warn` to match). A module test runs as a real process
 * (`node file.mjs` next to copies of its fixtures).
 *
 * Usage: node node-worker.cjs <jobs.json> <results.json>
 *   jobs: { variants: Variant[], test262: string }  →  results: { [id]: Outcome }
 */
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { spawnSync } = require('node:child_process');

const STARTED = 'Test262:Started';

/** Node's own additions to the main realm that a new vm context does not get (by property of Symbol). */
const MAIN_REALM_SYMBOLS = ['dispose', 'asyncDispose'];

let current; // the test running now: unhandled rejections are charged to it
process.on('unhandledRejection', () => {
  if (current) current.unhandled = true;
});

function freshContext(lines) {
  const context = vm.createContext({});
  const ctxSymbol = vm.runInContext('Symbol', context);
  for (const name of MAIN_REALM_SYMBOLS) {
    const d = Object.getOwnPropertyDescriptor(Symbol, name);
    if (d && !Object.getOwnPropertyDescriptor(ctxSymbol, name)) Object.defineProperty(ctxSymbol, name, d);
  }
  const makeConsole = vm.runInContext('(function (emit) { return { log: function log(...a) { emit(a.map(String).join(" ")); } }; })', context);
  Object.defineProperty(vm.runInContext('globalThis', context), 'console', { value: makeConsole((s) => lines.push(s)), writable: true, configurable: true, enumerable: false });
  return context;
}

function errorName(e) {
  try {
    return e && (typeof e === 'object' || typeof e === 'function') && e.constructor ? e.constructor.name : undefined;
  } catch {
    return undefined;
  }
}

function describe(e) {
  try {
    return e && typeof e === 'object' && 'message' in e ? `${errorName(e)}: ${e.message}` : String(e);
  } catch {
    return 'an exception';
  }
}

function runScript(v) {
  return new Promise((resolve) => {
    setImmediate(() => {
      const lines = [];
      const state = { unhandled: false, error: undefined, threw: false };
      current = state;
      const file = path.join('/test262', v.file);
      let fn;
      try {
        const context = freshContext(lines);
        fn = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${v.code}\n})`, { filename: file }).runInContext(context);
      } catch (e) {
        current = undefined;
        resolve({ started: false, clean: false, errorName: errorName(e), stdout: '', detail: describe(e) });
        return;
      }
      try {
        const module = { exports: {} };
        fn.call(module.exports, module.exports, () => { throw new Error('require is not available in the conformance runner'); }, module, file, path.dirname(file));
      } catch (e) {
        state.threw = true;
        state.error = e;
      }
      // Every job of the test is a promise job: they have all run by the next immediate, and
      // Node has processed unhandled rejections after them.
      setImmediate(() => setImmediate(() => {
        current = undefined;
        const stdout = lines.filter((l) => l.startsWith('Test262:')).join('\n');
        resolve({
          started: lines[0] === STARTED,
          clean: !state.threw,
          errorName: state.threw ? errorName(state.error) : undefined,
          stdout,
          unhandled: state.unhandled,
          ...(state.threw && { detail: describe(state.error) }),
        });
      }));
    });
  });
}

function runModule(v, test262) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test262-module-'));
  try {
    const srcDir = path.join(test262, 'test', path.dirname(v.file));
    for (const f of fs.readdirSync(srcDir)) if (f.includes('_FIXTURE')) fs.copyFileSync(path.join(srcDir, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    const file = path.join(dir, path.basename(v.file));
    fs.writeFileSync(file, v.code);
    const r = spawnSync(process.execPath, ['--unhandled-rejections=warn', file], { encoding: 'utf8', timeout: 10000 });
    const lines = r.stdout.split('\n');
    const clean = r.status === 0;
    const name = /^(?:Uncaught )?([A-Z][\w$]*(?:Error|Exception))\b/m.exec(r.stderr);
    return {
      started: lines[0] === STARTED,
      clean,
      errorName: clean ? undefined : name && name[1],
      stdout: lines.filter((l) => l.startsWith('Test262:')).join('\n'),
      unhandled: /UnhandledPromiseRejectionWarning/.test(r.stderr),
      ...(!clean && { detail: r.stderr.split('\n').filter((l) => l.trim()).slice(0, 6).join(' | ') }),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const [jobsFile, resultsFile] = process.argv.slice(2);
  const { variants, test262 } = JSON.parse(fs.readFileSync(jobsFile, 'utf8'));
  const results = {};
  for (const v of variants) results[v.id] = v.module ? runModule(v, test262) : await runScript(v);
  fs.writeFileSync(resultsFile, JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
