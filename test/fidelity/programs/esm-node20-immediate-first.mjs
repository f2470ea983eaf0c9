// node: 20
// Node 20 evaluates an ES module entry in an I/O callback of the first loop iteration: a top-level
// setImmediate always runs before a top-level setTimeout(0), however long the module took (on
// Node 22+, which loads the entry synchronously, this is a race, as for CommonJS).
console.log('start');
setTimeout(() => console.log('timeout 0'), 0);
setTimeout(() => console.log('timeout 1'), 1);
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('tick'));
