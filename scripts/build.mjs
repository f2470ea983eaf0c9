// Builds every bundle into dist/. One table of entries; a missing entry file is skipped so a
// zone can be added without touching the others. `--if-needed` skips the build when dist/ is
// newer than every source file (used by `npm run visualize`).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const watch = process.argv.includes('--watch');

/** name → options. `platform` decides Node vs browser; `vscode` is provided by the host. */
const entries = [
  { in: 'src/extension/extension.ts', out: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode', 'esbuild', 'typescript', 'amaro'] },
  { in: 'src/cli/main.ts', out: 'dist/cli.js', platform: 'node', format: 'cjs', external: ['esbuild', 'typescript', 'amaro'], banner: '#!/usr/bin/env node' },
  { in: 'src/core/engine/worker.ts', out: 'dist/worker.js', platform: 'node', format: 'cjs', external: ['esbuild', 'typescript', 'amaro'] },
  // The child process that performs one real network operation for a recording (src/core/netrec).
  { in: 'src/core/netrec/real-request.ts', out: 'dist/net-request.js', platform: 'node', format: 'cjs' },
  // The runtime is evaluated inside the sandbox's vm context: a self-contained script.
  { in: 'src/core/runtime/index.ts', out: 'dist/runtime.js', platform: 'neutral', format: 'iife' },
  // Node's JavaScript layer (streams, events, fs, child_process, …), evaluated inside the sandbox
  // on first use and instrumented like user code (its async functions run on the simulated loop).
  { in: 'src/core/node/index.ts', out: 'dist/nodelib.js', platform: 'neutral', format: 'iife', nodeLib: true },
  { in: 'src/webview/main.ts', out: 'dist/webview.js', platform: 'browser', format: 'iife' },
  { in: 'src/webview/style.css', out: 'dist/webview.css', platform: 'browser' },
  // The standalone HTML exporter on its own, for bench/render.mjs (the CLI bundles it too).
  { in: 'src/core/export/html.ts', out: 'dist/export-html.js', platform: 'node', format: 'cjs' },
];

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

if (process.argv.includes('--if-needed') && fs.existsSync(path.join(root, 'dist/cli.js'))) {
  const built = fs.statSync(path.join(root, 'dist/cli.js')).mtimeMs;
  if (built > newestMtime(path.join(root, 'src'))) process.exit(0);
}

/**
 * The nodelib bundle: Node's modules for the sandbox. Every file is run through the project's
 * instrumenter (built first into a temporary CommonJS file), so `async function`s of Node's own
 * code (pipeline, Readable.from, events.on) become coroutines of the simulated loop; the
 * packages readable-stream depends on are replaced by the sandbox's (or the host's) own.
 */
async function nodeLibPlugin() {
  const tmp = path.join(root, 'dist', '.instrument.cjs');
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/core/instrument/index.ts'], outfile: tmp, bundle: true, platform: 'node', format: 'cjs', external: ['typescript'], logLevel: 'warning' });
  const { createRequire, builtinModules } = await import('node:module');
  const { instrumentSource } = createRequire(import.meta.url)(tmp);
  const shim = (name) => path.join(root, 'src/core/node/shims', name);
  const eventsPort = path.join(root, 'src/core/node/events.js');
  const httpDir = path.join(root, 'src/core/node/http');
  // Node's perf_hooks and lib/internal/perf (src/core/node/perf): Node's files like the http port's,
  // with its primordials, bindings (the `performance` binding) and internals.
  const perfDir = path.join(root, 'src/core/node/perf');
  // Node's lib files use the free names `primordials` and `internalBinding` (Node's loader gives them).
  const httpLibPrelude = `'use strict';const primordials = require(${JSON.stringify(path.join(httpDir, 'primordials.js'))});const { internalBinding } = require(${JSON.stringify(path.join(httpDir, 'bindings.ts'))});`;
  // Node's webstreams files, one set per Node line (src/core/node/webstreams/lib/node<NN>), with
  // their own primordials and bindings (src/core/node/webstreams/shims).
  const webstreamsDir = path.join(root, 'src/core/node/webstreams');
  const webstreamsPrelude = `'use strict';const primordials = require(${JSON.stringify(path.join(webstreamsDir, 'shims/primordials.js'))});const { internalBinding } = require(${JSON.stringify(path.join(webstreamsDir, 'shims/bindings.js'))});`;
  // Node's test runner (node:test), one set per Node line (src/core/node/testrunner/lib/node<NN>),
  // with its own primordials and bindings (src/core/node/testrunner/shims).
  const testrunnerDir = path.join(root, 'src/core/node/testrunner');
  const testrunnerPrelude = `'use strict';const primordials = require(${JSON.stringify(path.join(testrunnerDir, 'shims/primordials.js'))});const { internalBinding } = require(${JSON.stringify(path.join(testrunnerDir, 'shims/bindings.js'))});`;
  // The names routed to this layer (src/core/node/modules.ts), read from its source.
  const ownModules = [...fs.readFileSync(path.join(root, 'src/core/node/modules.ts'), 'utf8').matchAll(/^\s*'([a-z_/]+)',$/gm)].map((m) => m[1]).filter((n) => n !== 'events');
  const aliases = {
    'process/': shim('process.js'),
    buffer: shim('buffer.js'),
    'string_decoder/': shim('string_decoder.js'),
    string_decoder: shim('string_decoder.js'),
    'abort-controller': shim('abort-controller.js'),
    events: fs.existsSync(eventsPort) ? eventsPort : shim('host-events.js'),
  };
  // undici (Node's fetch, src/core/node/fetch/README.md), one version per Node line (npm aliases
  // undici7, undici8): its `node:` built-ins are the sandbox's (net and http are Node's own lib
  // files of http/lib, so its sockets are the simulated ones), a few are stand-ins (fetch/shims),
  // the rest (util, assert, url, …) the host's.
  const undiciPackages = ['undici', 'undici7', 'undici8'];
  const undiciPackageOf = (file) => undiciPackages.find((p) => file.startsWith(path.join(root, 'node_modules', p) + path.sep));
  const fetchShim = (name) => path.join(root, 'src/core/node/fetch/shims', name);
  const fetchTrace = path.join(root, 'src/core/node/fetch/trace.ts');
  const undiciBuiltins = {
    net: path.join(httpDir, 'lib/net.js'),
    http: path.join(httpDir, 'lib/http.js'),
    events: aliases.events,
    buffer: fetchShim('buffer.js'),
    diagnostics_channel: path.join(httpDir, 'shims/diagnostics_channel.js'),
    perf_hooks: fetchShim('perf_hooks.js'),
    tls: fetchShim('tls.js'),
    worker_threads: fetchShim('worker_threads.js'),
  };
  // Edits so undici settles nothing outside the simulated loop (each must still apply: a new
  // undici version that moved the code fails the build here rather than at run time).
  const noFinalization = 'new (class FinalizationRegistry { register () {} unregister () {} })(';
  const sharedPatches = {
    // The global `performance` is the sandbox's (virtual clock), without Node's markResourceTiming.
    // Node's build of undici sends `user-agent: node` (it defines __UNDICI_IS_NODE__).
    'lib/web/fetch/index.js': [
      ['const markResourceTiming = performance.markResourceTiming', "const markResourceTiming = require('node:perf_hooks').performance.markResourceTiming"],
      ["const defaultUserAgent = typeof __UNDICI_IS_NODE__ !== 'undefined'", 'const defaultUserAgent = true'],
    ],
  };
  // Its parser reports each response's head and end to the trace (src/core/node/fetch/trace.ts).
  const tracePatches = [
    ['const { client, socket, headers, statusText } = this\n', `$&    require(${JSON.stringify(fetchTrace)}).responseHead(socket, statusCode, statusText)\n`],
    ['const { client, socket, statusCode, upgrade, headers, contentLength, bytesRead, shouldKeepAlive } = this\n', `$&    if (!upgrade && statusCode >= 200) require(${JSON.stringify(fetchTrace)}).responseEnd(socket, bytesRead)\n`],
  ];
  // FinalizationRegistry callbacks run when the host's GC decides, outside the simulated loop
  // (cancelling a collected Response's stream, unhooking a collected Request's signal).
  const laterPatches = {
    ...sharedPatches,
    'lib/dispatcher/client-h1.js': tracePatches,
    'lib/web/fetch/body.js': [['const streamRegistry = new FinalizationRegistry(', `const streamRegistry = ${noFinalization}`]],
    'lib/web/fetch/request.js': [['const requestFinalizer = new FinalizationRegistry(', `const requestFinalizer = ${noFinalization}`]],
    'lib/core/connect.js': [['this._sessionRegistry = new FinalizationRegistry(', `this._sessionRegistry = ${noFinalization}`]],
    // A global the sandbox may not have (MessageEvent's `ports`): the host's class then.
    'lib/web/webidl/index.js': [['webidl.util.MakeTypeAssertion(MessagePort)', "webidl.util.MakeTypeAssertion(globalThis.MessagePort ?? require('node:worker_threads').MessagePort)"]],
  };
  const undiciPatches = {
    undici: {
      ...sharedPatches,
      // llhttp compiled synchronously: WebAssembly.compile's promise is V8's, settled outside the
      // simulated loop. Node starts the compile when fetch is first used; it is done long before
      // the first socket connects, so a ready parser is what the first request meets there too.
      // (undici 7 and 8 compile synchronously themselves.)
      'lib/dispatcher/client-h1.js': [
        ['mod = await WebAssembly.compile(', 'mod = new WebAssembly.Module('],
        ['mod = await WebAssembly.compile(', 'mod = new WebAssembly.Module('],
        ['return await WebAssembly.instantiate(mod, {', 'return new WebAssembly.Instance(mod, {'],
        ...tracePatches,
      ],
      'lib/web/fetch/body.js': [['const hasFinalizationRegistry = globalThis.FinalizationRegistry &&', 'const hasFinalizationRegistry = false &&']],
      'lib/web/fetch/dispatcher-weakref.js': [['return { WeakRef, FinalizationRegistry }', 'return { WeakRef, FinalizationRegistry: class FinalizationRegistry { register () {} unregister () {} } }']],
    },
    undici7: laterPatches,
    undici8: {
      ...laterPatches,
      'lib/web/webidl/index.js': [
        ...laterPatches['lib/web/webidl/index.js'],
        // The host runs Node 20, which has no worker_threads.markAsUncloneable (undici 8 expects Node 22.19+).
        ['webidl.util.markAsUncloneable = markAsUncloneable\n', 'webidl.util.markAsUncloneable = markAsUncloneable || (() => {})\n'],
      ],
    },
  };
  const streamsDir = path.join(root, 'src/core/node/streams');
  const streamPorts = new Map((fs.existsSync(streamsDir) ? fs.readdirSync(streamsDir) : []).filter((f) => f.endsWith('.js'))
    .map((f) => [f === 'stream.js' ? 'stream.js' : `internal/streams/${f}`, path.join(streamsDir, f)]));
  return {
    name: 'async-timeline-nodelib',
    setup(build) {
      // Node's own lib files (src/core/node/http/lib, copied verbatim) require Node's internal
      // module names: lib/<name>.js (Node's code) or shims/<name>.js (this project's stand-ins).
      build.onResolve({ filter: /^[a-z_][a-z0-9_/-]*$/ }, (args) => {
        let dirs;
        if (args.importer.startsWith(httpDir + path.sep)) dirs = [path.join(httpDir, 'lib'), path.join(httpDir, 'shims'), path.join(perfDir, 'lib'), path.join(perfDir, 'shims')];
        else if (args.importer.startsWith(perfDir + path.sep)) dirs = [path.join(perfDir, 'lib'), path.join(perfDir, 'shims'), path.join(httpDir, 'lib'), path.join(httpDir, 'shims')];
        else if (args.importer.startsWith(path.join(webstreamsDir, 'lib') + path.sep)) {
          // A webstreams file of lib/node<NN>: that line's files first, then the shared stand-ins and the http port's internals (errors, validators, …).
          const line = path.relative(path.join(webstreamsDir, 'lib'), args.importer).split(path.sep)[0];
          dirs = [path.join(webstreamsDir, 'lib', line), path.join(webstreamsDir, 'shims'), path.join(httpDir, 'lib'), path.join(httpDir, 'shims')];
        } else if (args.importer.startsWith(path.join(testrunnerDir, 'lib') + path.sep)) {
          // A test runner file of lib/node<NN>: that line's files first, then the runner's stand-ins, then the web streams port's and the http port's.
          const line = path.relative(path.join(testrunnerDir, 'lib'), args.importer).split(path.sep)[0];
          dirs = [path.join(testrunnerDir, 'lib', line), path.join(testrunnerDir, 'shims'), path.join(webstreamsDir, 'shims'), path.join(httpDir, 'lib'), path.join(httpDir, 'shims')];
        } else if (args.importer.startsWith(path.join(testrunnerDir, 'shims') + path.sep)) {
          dirs = [path.join(testrunnerDir, 'shims'), path.join(webstreamsDir, 'shims'), path.join(httpDir, 'lib'), path.join(httpDir, 'shims')];
        } else return undefined;
        for (const dir of dirs) {
          const file = path.join(dir, args.path + '.js');
          if (fs.existsSync(file)) return { path: file };
        }
        return undefined;
      });
      build.onResolve({ filter: /^node:[a-z_/]+$/ }, (args) => {
        if (!undiciPackageOf(args.importer)) return undefined;
        const bare = args.path.slice('node:'.length);
        if (undiciBuiltins[bare]) return { path: undiciBuiltins[bare] };
        if (ownModules.includes(bare)) return { path: bare, namespace: 'sandbox-builtin' };
        return { path: bare, namespace: 'host-builtin' };
      });
      build.onResolve({ filter: /^(process\/|buffer|string_decoder\/?|abort-controller|events)$/ }, (args) => ({ path: aliases[args.path] }));
      // readable-stream's modules that Node v20.20.2 changed: src/core/node/streams/<name>.js
      // instead (src/core/node/streams/README.md), whoever requires them (readable-stream's own
      // files, stream.ts, fs-streams.ts, readline.ts), so each exists once in the bundle.
      build.onResolve({ filter: /^(\.\.?\/|readable-stream\/lib\/)/ }, async (args) => {
        if (args.pluginData === streamPorts || (args.path.startsWith('.') && !args.importer.includes(`${path.sep}node_modules${path.sep}readable-stream${path.sep}`))) return undefined;
        const r = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: streamPorts });
        const port = streamPorts.get(path.relative(path.join(root, 'node_modules/readable-stream/lib'), r.path).split(path.sep).join('/'));
        return port ? { path: port } : undefined;
      });
      // Node built-ins this layer provides (fs, stream, readline, …): its own, as the program sees them.
      // Other Node built-ins (util, async_hooks, …): the host's, handed over by install().
      build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
        const bare = args.path.replace(/^node:/, '');
        if (ownModules.includes(bare)) return { path: bare, namespace: 'sandbox-builtin' };
        return builtinModules.includes(bare) ? { path: bare, namespace: 'host-builtin' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'sandbox-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(path.join(root, 'src/core/node/host.ts'))}).sandboxModule(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: root }));
      build.onLoad({ filter: /.*/, namespace: 'host-builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(shim('host-require.js'))})(${JSON.stringify(args.path)});`, loader: 'js', resolveDir: root }));
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (args.path.includes(`${path.sep}shims${path.sep}`)) return undefined;
        let text = await fs.promises.readFile(args.path, 'utf8');
        if (args.path.startsWith(path.join(httpDir, 'lib') + path.sep) || args.path.startsWith(path.join(perfDir, 'lib') + path.sep)) text = httpLibPrelude + text;
        if (args.path.startsWith(path.join(webstreamsDir, 'lib') + path.sep)) text = webstreamsPrelude + text;
        if (args.path.startsWith(path.join(testrunnerDir, 'lib') + path.sep)) {
          text = testrunnerPrelude + text;
          // utils.js loads a built-in reporter by a name in a variable (Node's loader resolves it
          // at run time); the bundle needs each reporter named: the same lookup, on one line.
          if (args.path.endsWith(`${path.sep}internal${path.sep}test_runner${path.sep}utils.js`)) {
            const from = '  return require(builtinPath);\n';
            if (!text.includes(from)) throw new Error(`${args.path}: the async-timeline patch no longer applies: ${from}`);
            const reporters = ['spec', 'dot', 'tap', 'junit', 'lcov'].map((r) => `'internal/test_runner/reporter/${r}': () => require('internal/test_runner/reporter/${r}')`).join(', ');
            text = text.replace(from, `  return ({ __proto__: null, ${reporters} })[builtinPath]();\n`);
          }
        }
        const undiciPackage = undiciPackageOf(args.path);
        const undiciFile = undiciPackage && path.relative(path.join(root, 'node_modules', undiciPackage), args.path).split(path.sep).join('/');
        for (const [from, to] of (undiciPackage && undiciPatches[undiciPackage][undiciFile]) || []) {
          if (!text.includes(from)) throw new Error(`${args.path}: the async-timeline patch no longer applies: ${from}`);
          text = text.replace(from, to);
        }
        const rel = path.relative(root, args.path).split(path.sep).join('/');
        const display = rel.startsWith('node_modules/readable-stream/lib/')
          ? 'node:' + rel.slice('node_modules/readable-stream/lib/'.length).replace(/\.js$/, '')
          : undiciPackage
            ? 'node:internal/deps/undici/' + undiciFile.replace(/\.js$/, '')
            : /^src\/core\/node\/testrunner\/lib\/node\d+\//.test(rel)
              // Node's own name for the runner's files (the timeline shows node:internal/test_runner/test).
              ? 'node:' + rel.replace(/^src\/core\/node\/testrunner\/lib\/node\d+\//, '').replace(/\.js$/, '')
              : 'node:' + rel.replace(/^src\/core\/node\//, 'async-timeline/').replace(/\.[jt]s$/, '');
        const out = instrumentSource(text, { fileName: args.path, displayName: display, loopProbes: false, sourceMap: false });
        if (out.diagnostics.length) throw new Error(`${rel}:${out.diagnostics[0].line}: ${out.diagnostics[0].message}`);
        return { contents: out.code, loader: 'js' };
      });
    },
  };
}

const builds = entries
  .filter((e) => fs.existsSync(path.join(root, e.in)))
  .map((e) => ({
    absWorkingDir: root,
    entryPoints: [e.in],
    outfile: e.out,
    bundle: true,
    platform: e.platform,
    format: e.format,
    target: e.platform === 'browser' ? 'chrome120' : 'node20',
    external: e.external ?? [],
    banner: e.banner ? { js: e.banner } : undefined,
    sourcemap: 'linked',
    logLevel: 'warning',
    mainFields: e.platform === 'neutral' ? ['module', 'main'] : undefined,
    nodeLib: e.nodeLib,
  }));
for (const b of builds) {
  if (b.nodeLib) {
    b.plugins = [await nodeLibPlugin()];
    b.sourcemap = false;
    // Node's classes and functions keep their names (inspect, warnings, resource names).
    b.keepNames = true;
  }
  delete b.nodeLib;
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (fs.existsSync(path.join(root, 'dist/cli.js'))) fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
}
