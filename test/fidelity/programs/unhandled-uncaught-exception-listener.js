// With an uncaughtException listener, a throw in a timer is reported and the loop continues.
const log = (s) => console.log(s);
process.on('uncaughtException', (err, origin) => {
  log('caught globally: ' + err.message + ' (' + origin + ')');
});
setTimeout(() => { throw new Error('timer boom'); }, 5);
setTimeout(() => log('next timer runs'), 30);
setTimeout(() => {
  setImmediate(() => { throw new Error('immediate boom'); });
  process.nextTick(() => log('nextTick after the immediate was scheduled'));
}, 60);
setTimeout(() => log('done'), 100);
