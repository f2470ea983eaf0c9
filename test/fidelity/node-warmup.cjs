// Preloaded (`node -r`) into every real-node run of the fidelity suite. The first console.log
// of a process costs 10-40 ms (creating the stdout stream, loading and compiling the console
// and util.inspect code): real time during which short timers fall due, so real node would
// reorder timers against immediates in ways the simulator (where console.log is free) never
// does. Paying that cost here, before the program starts, prints nothing and changes no state
// the program can observe.
'use strict';
const { Console } = require('node:console');
const { Writable } = require('node:stream');
process.stdout.write('');
process.stderr.write('');
const sink = new Writable({ write(_chunk, _enc, cb) { cb(); } });
new Console(sink, sink).log('%s %d %o', 'warm', 1, { a: [1, 'x', null], m: new Map([[1, { b: 2 }]]), f() {} });
// The writes above leave Node's afterWrite callbacks in the nextTick queue. A plain `node file.js`
// starts its main module with that queue empty, and whether it is empty is observable: the
// program's first microtasks would run under processTicksAndRejections (a stack frame they
// print). Run them now, as Node's own processTicksAndRejections would.
process._tickCallback();
