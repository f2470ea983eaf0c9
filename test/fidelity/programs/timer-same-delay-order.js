// Timers with the same delay fire in creation order; 0 and 1 are the same (1 ms) list.
const log = (s) => console.log(s);
setTimeout(() => log('A (1)'), 1);
setTimeout(() => log('B (0)'), 0);
setTimeout(() => log('C (1)'), 1);
setTimeout(() => log('D (undefined delay)'));
setTimeout(() => log('E (0)'), 0);
