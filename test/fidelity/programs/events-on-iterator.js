// events.on(emitter, name): an async iterator that buffers events emitted while the consumer
// is busy; break removes its listeners; an 'error' event makes next() throw; an AbortSignal
// ends iteration with AbortError.
const { EventEmitter, on } = require('events');
const log = (s) => console.log(s);
const e = new EventEmitter();
(async () => {
  setTimeout(() => {
    e.emit('tick', 1);
    e.emit('tick', 2);
    e.emit('tick', 3);
    log('emitted 3 synchronously');
  }, 10);
  for await (const [v] of on(e, 'tick')) {
    log('got ' + v);
    if (v === 3) break;
  }
  log('after break listeners=' + e.listenerCount('tick') + ' error=' + e.listenerCount('error'));
  setTimeout(() => e.emit('error', new Error('iterator error')), 20);
  try {
    for await (const x of on(e, 'tick')) log('unexpected ' + x);
  } catch (err) {
    log('caught ' + err.message);
  }
  const ac = new AbortController();
  setTimeout(() => { e.emit('tick', 'a'); ac.abort(); log('aborted'); }, 20);
  try {
    for await (const [x] of on(e, 'tick', { signal: ac.signal })) log('got ' + x);
  } catch (err) {
    log('caught ' + err.name + ' ' + err.code + ' listeners=' + e.listenerCount('tick'));
  }
})();
