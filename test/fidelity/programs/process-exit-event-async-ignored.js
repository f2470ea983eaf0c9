// Work scheduled in the 'exit' listener: timers and nextTicks never run; microtasks queued
// there still drain before the process ends.
const log = (s) => console.log(s);
process.on('exit', () => {
  log('exit listener');
  setTimeout(() => log('timer in exit'), 0);
  Promise.resolve().then(() => log('microtask in exit'));
  process.nextTick(() => log('nextTick in exit'));
});
log('main done');
