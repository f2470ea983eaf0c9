// perf_hooks over virtual time: marks and measures (entries, detail, inspect), getEntries*, clearMarks, an unset mark (SyntaxError DOMException), timerify, and a PerformanceObserver whose callback runs from a setImmediate of the simulated loop (after the ticks, in the check phase) with its entries.
const { performance, PerformanceObserver } = require('node:perf_hooks');
console.log(typeof performance.now(), performance === globalThis.performance, typeof performance.timeOrigin);
const obs = new PerformanceObserver((list, observer) => {
  for (const e of list.getEntries()) console.log('observed', e.entryType, e.name, e.duration >= 0, e.detail);
  console.log('same observer', observer === obs);
});
obs.observe({ entryTypes: ['mark', 'measure', 'function'] });
const m = performance.mark('start', { detail: { step: 1 } });
console.log(m.constructor.name, m.name, m.entryType, m.duration, m.detail);
setImmediate(() => console.log('immediate before observers?'));
process.nextTick(() => console.log('tick'));
setTimeout(() => {
  performance.mark('end');
  const me = performance.measure('start to end', 'start', 'end');
  console.log('measure', me.name, me.duration >= 0);
  console.log(performance.getEntriesByType('mark').map((e) => e.name), performance.getEntriesByName('start to end').length);
  const f = performance.timerify(function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i; return s; });
  console.log('timerified', f(1000));
  try { performance.measure('bad', 'nope'); } catch (e) { console.log(e.name, e.message); }
  try { new PerformanceObserver(); } catch (e) { console.log(e.code); }
  performance.clearMarks(); console.log('after clear', performance.getEntriesByType('mark').length);
  setTimeout(() => obs.disconnect(), 5);
}, 10);
console.log(require('util').inspect(m).replace(/startTime: [\d.e-]+/, 'startTime: N'));
