// Timers with different delays created together fire by due time, not creation order.
const log = (s) => console.log(s);
setTimeout(() => log('60'), 60);
setTimeout(() => log('20'), 20);
setTimeout(() => log('40'), 40);
setTimeout(() => log('1'), 1);
setTimeout(() => log('20 again'), 20);
