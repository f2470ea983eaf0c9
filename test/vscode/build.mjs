// Bundles the integration suite into out/test/vscode/suite/index.js, the module the extension
// host loads (`extensionTestsPath`). `vscode` is the host's; mocha stays external and is
// resolved from the repo's node_modules (its reporters are loaded by name at run time).
import * as esbuild from 'esbuild';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['test/vscode/suite/index.ts'],
  outfile: 'out/test/vscode/suite/index.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha', 'typescript', 'esbuild'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
