// MessagePort and BroadcastChannel are EventTargets: instanceof holds; addEventListener('message')
// starts a port (its messages arrive), the onmessage setter too; a MessageEvent has data, ports,
// origin '', lastEventId '', source null, and target/currentTarget the receiving port; it is an Event.
const log = console.log;
const a = new MessageChannel();
const b = new MessageChannel();
const bc = new BroadcastChannel('events');
log(a.port1 instanceof EventTarget, bc instanceof EventTarget, a.port1 instanceof MessagePort, {} instanceof EventTarget, new EventTarget() instanceof EventTarget, new MessageEvent('message') instanceof Event, {} instanceof Event);
const seen = (label) => (e) => {
  log(label, e instanceof Event, e instanceof MessageEvent, e.type, e.data, JSON.stringify(e.origin), JSON.stringify(e.lastEventId), e.source, e.ports.length, e.target === e.currentTarget);
};
a.port2.addEventListener('message', seen('listener'));
a.port2.addEventListener('message', (e) => {
  if (e.data === 'last') a.port2.close();
});
b.port2.onmessage = seen('onmessage');
b.port2.addEventListener('message', () => b.port2.close(), { once: true });
const other = new BroadcastChannel('events');
other.onmessage = (e) => {
  seen('broadcast')(e);
  other.close();
  bc.close();
};
a.port1.postMessage('first');
b.port1.postMessage({ n: 2 });
bc.postMessage([3]);
a.port1.postMessage('last');
