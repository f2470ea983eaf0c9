// events.once(emitter, name): resolves with the args array; the awaiting code resumes after
// microtasks already queued at emit time; rejects when 'error' is emitted first; a second
// emit of the same name is not seen.
const { EventEmitter, once } = require('events');
const log = (s) => console.log(s);
const e = new EventEmitter();
(async () => {
  const args = await once(e, 'ready');
  log('once resolved ' + JSON.stringify(args) + ' listeners left=' + e.listenerCount('ready') + ' error listeners=' + e.listenerCount('error'));
})();
log('listeners ready=' + e.listenerCount('ready') + ' error=' + e.listenerCount('error'));
setTimeout(() => {
  Promise.resolve().then(() => log('m1')).then(() => log('m2')).then(() => log('m3'));
  process.nextTick(() => log('nextTick'));
  log('emit ready -> ' + e.emit('ready', 1, 'b'));
  log('emit ready again -> ' + e.emit('ready', 2));
  setTimeout(async () => {
    const p = once(e, 'data');
    e.emit('error', new Error('broke'));
    try {
      await p;
    } catch (err) {
      log('once rejected ' + err.message + ' data listeners=' + e.listenerCount('data'));
    }
    const p2 = once(e, 'error');
    e.emit('error', new Error('as value'));
    log('once(error) resolved ' + (await p2)[0].message);
  }, 20);
}, 10);
