// Whether a TypeScript script is strict depends on who runs it. Node 22+ strips its types and
// runs the rest as written: a sloppy CommonJS script (a plain call's `this` is the global object).
// Node 20 cannot run .ts: it gets tsc's output, and tsc (TypeScript 6 by default, and this
// repository's tsconfig.json `"strict": true`) starts a script with "use strict" (`this` undefined).
function plain(this: unknown): string {
  return this === undefined ? 'strict (compiled)' : this === globalThis ? 'sloppy (as written)' : 'other';
}
const ms: number = 1;
setTimeout(() => console.log('plain call:', plain()), ms);
