// new MessageEvent(type, init): data (null by default), origin and lastEventId ('' by default),
// source (null), ports ([]); no target until dispatched. Node 22+ wants the type argument.
const log = console.log;
const e = new MessageEvent('message', { data: { n: 5 }, origin: 'https://example.com', lastEventId: '7' });
log(e.type, e.data, e.origin, e.lastEventId, e.source, e.ports, e.target, e.currentTarget, e instanceof Event);
const bare = new MessageEvent('ping');
log(bare.type, bare.data, JSON.stringify(bare.origin), JSON.stringify(bare.lastEventId), bare.source, bare.ports);
try {
  new MessageEvent();
  log('no argument: made one');
} catch (err) {
  log('no argument:', err.constructor.name, err.code, err.message);
}
