// A delay above 2^31-1 is set to 1 ms with a TimeoutOverflowWarning on stderr.
const log = (s) => console.log(s);
setTimeout(() => log('huge delay fired'), 2 ** 31);
setTimeout(() => log('delay 20'), 20);
log('scheduled');
