// node: >=22
// Promise.withResolvers: settling from outside, on the ticks of a plain promise; a subclass's
// constructor runs; `this` must be a constructor.
const log = [];
const tick = (n) => { let p = Promise.resolve(); for (let i = 1; i <= n; i++) { const k = i; p = p.then(() => log.push(`tick ${k}`)); } return p; };
const { promise, resolve, reject } = Promise.withResolvers();
console.log(Object.keys(Promise.withResolvers()), promise instanceof Promise, typeof resolve, typeof reject);
promise.then((v) => log.push(`resolved ${v}`));
const second = Promise.withResolvers();
second.promise.catch((e) => log.push(`rejected ${e.message}`));
const thenable = Promise.withResolvers();
thenable.promise.then((v) => log.push(`thenable resolved ${v}`));
tick(5).then(() => console.log(log.join('\n')));
resolve('a');
resolve('ignored');
second.reject(new Error('b'));
thenable.resolve({ then(r) { log.push('then called'); r('c'); } });
class MyPromise extends Promise {
  constructor(executor) { console.log('MyPromise constructor'); super(executor); }
}
const mine = MyPromise.withResolvers();
console.log(mine.promise instanceof MyPromise, mine.promise.constructor.name);
try { Promise.withResolvers.call(1); } catch (e) { console.log(e.constructor.name, e.message); }
try { Promise.withResolvers.call({}); } catch (e) { console.log(e.constructor.name); }
