// node: >=24
// Promise.try: the callback runs synchronously with the extra arguments; a throw becomes a
// rejection; a returned promise or thenable is adopted (with its extra ticks).
const log = [];
const tick = (n) => { let p = Promise.resolve(); for (let i = 1; i <= n; i++) { const k = i; p = p.then(() => log.push(`tick ${k}`)); } return p; };
tick(6).then(() => console.log(log.join('\n')));
Promise.try((a, b) => { log.push(`called with ${a} ${b}`); return a + b; }, 2, 3).then((v) => log.push(`sum ${v}`));
Promise.try(() => { throw new Error('sync throw'); }).catch((e) => log.push(`caught ${e.message}`));
Promise.try(() => Promise.resolve('promise')).then((v) => log.push(`adopted ${v}`));
Promise.try(() => ({ then(r) { log.push('thenable then'); r('thenable'); } })).then((v) => log.push(`adopted ${v}`));
Promise.try(async () => 'async fn').then((v) => log.push(`async ${v}`));
log.push('after calls');
console.log(Promise.try.length, Promise.try.name);
Promise.try(1).catch((e) => console.log('non-callable:', e.constructor.name));
try { Promise.try.call(undefined, () => 1); } catch (e) { console.log(e.constructor.name, e.message); }
class Sub extends Promise {}
console.log(Sub.try(() => 1) instanceof Sub);
