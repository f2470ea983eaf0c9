// The engine's API (src/core/engine/run.ts) for a bench script: bundled next to dist/worker.js,
// where it finds the worker and the runtime as the CLI does, under a name of the script's own
// (scripts may run at once), and removed again by `dispose`.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** `name`: the bundle's file name in dist/ (e.g. 'bench-engine'). */
export async function loadEngineApi(name) {
  const file = path.join(root, 'dist', `${name}.js`);
  await esbuild.build({
    entryPoints: [path.join(root, 'src/core/engine/run.ts')], outfile: file, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', external: ['esbuild', 'typescript'], logLevel: 'error',
  });
  const api = await import(file);
  return { ...api, dispose: () => fs.rmSync(file, { force: true }) };
}
