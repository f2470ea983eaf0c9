// node: 20
// (Node 22+ also prints "Warning: Detected unsettled top-level await at <url>:<line>" with the line: not modelled yet.)
// A top-level await on a promise that never settles: Node 20 warns and exits with code 13.
const log = (s) => console.log(s);
log('waiting forever');
await new Promise(() => {});
log('never');
