// BroadcastChannel: a message reaches every other open channel of the same name (never the
// sender), in the order the channels were made; each delivery is its own callback scope.
// A closed channel gets nothing and cannot post.
const log = console.log;
const a = new BroadcastChannel('news');
const b = new BroadcastChannel('news');
const c = new BroadcastChannel('news');
const other = new BroadcastChannel('sport');
b.onmessage = (e) => {
  log('b got', e.data, e.target === b, e.constructor.name);
  Promise.resolve().then(() => log('  promise after b', e.data));
};
c.addEventListener('message', (e) => log('c got', e.data));
a.onmessage = (e) => log('a got', e.data);
other.onmessage = (e) => log('other got', e.data);
a.postMessage('from a');
c.postMessage({ from: 'c' });
log('name', a.name, String(a.name));
try {
  a.postMessage();
} catch (e) {
  log(e.name, e.code, e.message);
}
setImmediate(() => {
  log('immediate: closing b');
  b.close();
  b.close();
  try {
    b.postMessage('x');
  } catch (e) {
    log(e.name, e.message);
  }
  a.postMessage('after b closed');
  setImmediate(() => {
    a.close();
    c.close();
    other.close();
    log('all closed');
  });
});
