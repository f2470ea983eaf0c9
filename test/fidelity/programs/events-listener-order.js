// EventEmitter: listeners run synchronously in registration order; prependListener and
// prependOnceListener go first; once removes itself before running; removing a listener
// during emit does not affect the current emit (the array is copied); adding during emit
// neither; 'newListener' fires before the listener is added, 'removeListener' after removal.
const EventEmitter = require('events');
const log = (s) => console.log(s);
const e = new EventEmitter();
e.on('newListener', (ev, fn) => log('newListener ' + String(ev) + ' ' + fn.name + ' count before=' + e.listenerCount(ev)));
e.on('removeListener', (ev, fn) => log('removeListener ' + ev + ' ' + (fn.listener ? 'once-wrapper of ' + fn.listener.name : fn.name)));
function a() { log('a'); e.removeListener('x', b); e.on('x', late); }
function b() { log('b'); }
function c() { log('c'); }
function first() { log('first'); }
function once1() { log('once1 listeners now=' + e.listenerCount('x')); }
function late() { log('late'); }
e.on('x', a);
e.on('x', b);
e.once('x', once1);
e.on('x', c);
e.prependListener('x', first);
e.prependOnceListener('x', function pre() { log('pre-once'); });
log('names ' + e.rawListeners('x').map((f) => f.listener ? 'once(' + f.listener.name + ')' : f.name).join(','));
log('emit 1 -> ' + e.emit('x'));
log('emit 2 -> ' + e.emit('x'));
log('emit unknown -> ' + e.emit('nobody'));
e.removeAllListeners('x');
log('eventNames ' + e.eventNames().join(','));
e.on('args', function (...args) { log('args ' + JSON.stringify(args) + ' this ok=' + (this === e)); });
e.on('args', (...args) => log('arrow args ' + args.length));
e.emit('args', 1, 'two', { three: 3 });
