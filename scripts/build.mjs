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
  { in: 'src/extension/extension.ts', out: 'dist/extension.js', platform: 'node', format: 'cjs', external: ['vscode', 'esbuild', 'typescript'] },
  { in: 'src/cli/main.ts', out: 'dist/cli.js', platform: 'node', format: 'cjs', external: ['esbuild', 'typescript'], banner: '#!/usr/bin/env node' },
  { in: 'src/core/engine/worker.ts', out: 'dist/worker.js', platform: 'node', format: 'cjs', external: ['esbuild', 'typescript'] },
  // The runtime is evaluated inside the sandbox's vm context: a self-contained script.
  { in: 'src/core/runtime/index.ts', out: 'dist/runtime.js', platform: 'neutral', format: 'iife' },
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
  }));

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (fs.existsSync(path.join(root, 'dist/cli.js'))) fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
}
