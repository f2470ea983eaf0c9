// node: <24
// (Node 24+ exports more from perf_hooks — timerify, eventLoopUtilization, …; the sandbox's perf_hooks is built from the host's Node 20 module: not modelled yet.)
// require('perf_hooks').performance is the global performance (same object, same clock);
// perf_hooks' other exports are Node's.
const ph = require('perf_hooks');
const nph = require('node:perf_hooks');
const log = console.log;
log(ph.performance === performance, nph.performance === performance, ph === nph);
log(Object.keys(ph).sort().join());
log(typeof ph.PerformanceObserver, typeof ph.monitorEventLoopDelay, typeof ph.createHistogram, typeof ph.constants, typeof ph.PerformanceEntry);
const h = ph.createHistogram();
h.record(5);
h.record(7);
log(h.min, h.max, h.count);
log(typeof ph.performance.now(), ph.performance.timeOrigin === performance.timeOrigin);
const t0 = ph.performance.now();
setTimeout(() => log('elapsed >= 15: ' + (performance.now() - t0 >= 15)), 20);
