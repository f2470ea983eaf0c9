// An imported module that throws after a top-level await: its importers never run, the entry's
// evaluation rejects (an uncaught error, exit 1); a sibling without await already ran.
import './esm-tla-graph/sync.mjs';
import './esm-tla-graph/fails.mjs';
console.log('main: never printed');
