// A top-level await on a promise that never settles: Node 20 warns and exits with code 13.
const log = (s) => console.log(s);
log('waiting forever');
await new Promise(() => {});
log('never');
