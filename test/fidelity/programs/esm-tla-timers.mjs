// A module with top-level await on timers: the rest of the module waits, timers set before run.
import { setTimeout as sleep, setImmediate as immediate } from 'node:timers/promises';
const log = (s) => console.log(s);
const start = Date.now();
setTimeout(() => log('plain timer 20'), 20);
log('awaiting sleep(50)');
const v = await sleep(50, 'slept');
log(v + ', elapsed >= 48: ' + (Date.now() - start >= 48));
setTimeout(() => log('timeout 0 after TLA'), 0);
log('immediate value: ' + (await immediate('imm')));
log('module done');
