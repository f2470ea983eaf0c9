// Runs a sample on the simulation without the engine: esbuild bundles it with async/await
// lowered to generators (so its promises are the harness's, driven by the simulated loops),
// and the direct harness evaluates it. For the tests and bench only.
import * as esbuild from 'esbuild';
import path from 'node:path';
import { runDirect, type DirectOptions, type DirectResult } from '../../../src/core/sim/direct/harness';

const root = path.resolve(__dirname, '../../..');

export function bundleSample(file: string): string {
  const out = esbuild.buildSync({
    entryPoints: [path.resolve(root, file)],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'neutral',
    target: 'es2016',
    logLevel: 'silent',
    external: ['node:*', 'net', 'worker_threads', 'async-timeline/sim'],
  });
  return out.outputFiles[0].text;
}

export function runSample(file: string, options?: DirectOptions): DirectResult {
  return runDirect(bundleSample(file), options);
}
