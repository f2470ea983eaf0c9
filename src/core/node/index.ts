/**
 * Entry of dist/nodelib.js: Node's JavaScript layer inside the sandbox (README.md). The sandbox
 * evaluates this script in a context the first time the program requires one of these modules,
 * then calls `install` once; each module is made on first use.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- each module is evaluated on its first require, after install() */
import { host, setHost, setSandboxModules, type NodeLibHost } from './host';

const MODULES: Record<string, (get: (name: string) => any) => unknown> = {
  events: () => require('./events-module').events,
  stream: () => require('./stream').stream,
  'stream/promises': () => require('./stream').streamPromises,
  'stream/consumers': () => require('./webstreams/index').streamConsumers(),
  fs: (get) => {
    const fs = require('./fs').makeFs();
    fs.promises = get('fs/promises');
    return fs;
  },
  'fs/promises': () => require('./fs-promises').makeFsPromises(),
  child_process: () => require('./child-process').makeChildProcess(),
  readline: () => require('./readline').readline,
  'readline/promises': () => require('./readline').readlinePromises,
  crypto: () => require('./crypto').makeCrypto(),
  zlib: () => require('./zlib').makeZlib(),
  dns: () => require('./dns').makeDns(),
  'dns/promises': () => require('./dns').makeDnsPromises(),
  http: () => require('./http/lib/http'),
  // Node 20's lib/perf_hooks.js and lib/internal/perf over the simulation's clock (perf/README.md).
  perf_hooks: () => perfHooksOfLine(require('./perf/lib/perf_hooks')),
  'stream/web': () => require('./webstreams/index').streamWeb(),
  // Node's own test runner of the imitated line (testrunner/README.md); the engine routes these
  // names here only for the lines in NODE_TEST_LINES (modules.ts).
  test: () => require('./testrunner/index').nodeTest(),
  'test/reporters': () => require('./testrunner/index').nodeTestReporters(),
  // Not requireable by the program (not in modules.ts): the sandbox's EventTarget, Event,
  // CustomEvent, AbortController and AbortSignal globals are made from these (engine/sandbox-builtins.ts).
  'internal/event_target': () => require('./event-target'),
  'internal/abort_controller': () => require('./abort-controller'),
  // process.stdin (engine/sandbox-builtins.ts makes it on first access).
  'internal/stdin': () => require('./stdin'),
  // The sandbox's Blob and File globals (and require('buffer')'s), Node's lib/internal/blob.js.
  'internal/blob': () => require('./webstreams/index').blobClasses(),
  // assert.rejects/doesNotReject of the program's assert (engine/sandbox-assert.ts).
  'internal/assert-promises': () => require('./assert-promises'),
  // Node's fetch (undici) for the globals fetch, Headers, Request, Response, FormData, WebSocket (fetch/README.md).
  'internal/deps/undici/undici': () => require('./fetch').makeUndici(),
};

export function install(host: NodeLibHost): (name: string) => unknown {
  setHost(host);
  const made = new Map<string, unknown>();
  const get = (name: string): any => {
    const bare = name.startsWith('node:') ? name.slice(5) : name;
    const make = MODULES[bare];
    if (make === undefined) return undefined;
    if (!made.has(bare)) made.set(bare, make(get));
    return made.get(bare);
  };
  setSandboxModules(get);
  return get;
}

/**
 * Node 24 also exports `eventLoopUtilization` and `timerify` from perf_hooks itself (the
 * performance object's), in this order. (`createSlidingWindowHistogram` and `importHistogram`,
 * native there, are not made: the host's Node 20 has no such histograms.)
 */
function perfHooksOfLine(mod: Record<string, any>): Record<string, unknown> {
  if (host.nodeMajor < 24) return mod;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(mod)) {
    if (key === 'createHistogram') {
      out.eventLoopUtilization = mod.performance.eventLoopUtilization;
      out.timerify = mod.performance.timerify;
    }
    out[key] = mod[key];
  }
  return out;
}

(globalThis as Record<string, unknown>).__asyncTimelineNodeLib = install;
