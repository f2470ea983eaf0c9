// node: >=22
// An ES module entry whose import needs a TypeScript compiler (an enum in ./ts-strip-refused/levels.ts):
// Node's ES module loader strips each file before anything runs, so nothing of the entry runs and
// Node prints SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX] for the imported file (exit 1).
// @ts-expect-error -- Node's type stripping imports by the file's own name; the project's tsc wants no .ts
import { threshold } from './ts-strip-refused/levels.ts';

console.log('entry runs', threshold);
setTimeout(() => console.log('timer'), 1);
