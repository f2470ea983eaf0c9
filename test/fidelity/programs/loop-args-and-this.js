// Extra arguments of setTimeout/setImmediate/nextTick/queueMicrotask and the callback's `this`.
const log = (s) => console.log(s);
setTimeout(function (a, b) {
  log('timeout args ' + a + ' ' + b + ', this is Timeout: ' + (this && this.constructor.name));
  setImmediate(function (x) {
    log('immediate arg ' + x + ', this is Immediate: ' + (this && this.constructor.name));
  }, 'imm');
}, 1, 'A', 'B');
process.nextTick((x, y) => log('nextTick args ' + x + ' ' + y), 1, 2);
queueMicrotask(function () { log('queueMicrotask arguments ' + arguments.length); });
