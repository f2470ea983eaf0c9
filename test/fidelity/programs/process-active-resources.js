// process.getActiveResourcesInfo(): ref'ed handles (stdout and stderr are pipes here, both used
// before the first look), then one 'Timeout' per ref'ed timer, one 'Immediate' per ref'ed
// immediate; a timer stops counting as soon as its callback returns.
console.log('stdout used');
console.error('stderr used');
const info = () => JSON.stringify(process.getActiveResourcesInfo());
const show = (label) => console.log(label + ' ' + info());
show('start');
const t = setTimeout(() => {}, 50);
show('one timeout');
const iv = setInterval(() => {}, 50);
show('timeout + interval');
const im = setImmediate(() => show('in the immediate'));
show('and an immediate');
t.unref();
show('timeout unref');
im.unref();
show('immediate unref');
im.ref();
show('immediate ref again');
clearInterval(iv);
show('interval cleared');
setTimeout(() => {
  show('in a timer');
  Promise.resolve().then(() => show('microtask after the timer'));
  process.nextTick(() => show('tick after the timer'));
  clearTimeout(t);
  show('after clearTimeout of the unref one');
}, 10);
require('timers/promises').setTimeout(20).then(() => show('timers/promises resolved'));
show('with a timers/promises sleep');
const every = setInterval(() => {
  show('in an interval');
  Promise.resolve().then(() => {
    show('microtask after the interval');
    clearInterval(every);
    show('interval cleared in a microtask');
  });
}, 25);
process.on('exit', () => show('exit'));
