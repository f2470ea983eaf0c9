// Delays of 0, -1, NaN, 1.7, '5', undefined, Infinity all coerce (to 1 ms unless in range).
const log = (s) => console.log(s);
setTimeout(() => log('delay 100'), 100); // well after '12', even when a busy machine pauses the script between the two
setTimeout(() => log('delay 1.7'), 1.7);
setTimeout(() => log('delay -1'), -1);
setTimeout(() => log('delay NaN'), NaN);
setTimeout(() => log("delay '12'"), '12');
setTimeout(() => log('delay 0'), 0);
setTimeout(() => log('delay null'), null);
setTimeout(() => log("delay 'abc'"), 'abc');
