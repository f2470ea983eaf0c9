/**
 * The `typescript` package, for every module of the instrumenter. Imported through this one
 * module, not `import ts from 'typescript'` in each: esbuild turns each such import of a
 * CommonJS package into a copy of all its exports (`__toESM`), and typescript has thousands —
 * eight copies were ~15 ms of every run's start on an idle machine.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain require, so the bundle copies no exports
import ts = require('typescript');

export default ts;
