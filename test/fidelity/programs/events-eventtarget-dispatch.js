// EventTarget/Event: synchronous dispatch in registration order, { once: true }, handleEvent
// objects, the same listener added twice runs once, capture flag distinguishes listeners,
// stopImmediatePropagation, preventDefault on a cancelable event (dispatchEvent returns false),
// a listener removed during dispatch is skipped; re-dispatching a stopped event runs nothing.
const log = (s) => console.log(s);
const t = new EventTarget();
const same = () => log('same');
t.addEventListener('x', () => log('first'));
t.addEventListener('x', same);
t.addEventListener('x', same);
t.addEventListener('x', same, { capture: true });
t.addEventListener('x', () => log('once'), { once: true });
t.addEventListener('x', { handleEvent(ev) { log('handleEvent this ok=' + (this.tag === 'obj') + ' type=' + ev.type); }, tag: 'obj' });
function removeLater() { log('removeLater (unexpected)'); }
t.addEventListener('x', (ev) => { log('remover phase=' + ev.eventPhase + ' target ok=' + (ev.target === t)); t.removeEventListener('x', removeLater); });
t.addEventListener('x', removeLater);
log('dispatch 1 -> ' + t.dispatchEvent(new Event('x')));
log('dispatch 2 -> ' + t.dispatchEvent(new Event('x')));
t.addEventListener('y', (ev) => { log('y1 preventDefault'); ev.preventDefault(); ev.stopImmediatePropagation(); });
t.addEventListener('y', () => log('y2 (unexpected)'));
const ev = new Event('y', { cancelable: true });
log('dispatch y -> ' + t.dispatchEvent(ev) + ' defaultPrevented=' + ev.defaultPrevented);
const notCancelable = new Event('y');
log('non-cancelable -> ' + t.dispatchEvent(notCancelable) + ' defaultPrevented=' + notCancelable.defaultPrevented);
log('redispatch of the stopped event -> ' + t.dispatchEvent(ev) + ' (no listener runs)');
const ce = new CustomEvent('z', { detail: { n: 1 } });
t.addEventListener('z', (e) => log('CustomEvent detail ' + e.detail.n));
t.dispatchEvent(ce);
