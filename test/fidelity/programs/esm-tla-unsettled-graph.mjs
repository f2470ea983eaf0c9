// Two imported modules whose top-level awaits never settle (esm-tla-unsettled-graph/): the entry
// never runs; Node 22+ warns once per stalled module, in graph order, with its own line and
// column (Node 20: exit code 13 only).
import './esm-tla-unsettled-graph/a.mjs';
import { b } from './esm-tla-unsettled-graph/b.mjs';
console.log('never', b);
