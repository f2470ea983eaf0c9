/** Differential programs: each is native CommonJS JS; the runtime must print what node prints. */
export const programs: Record<string, string> = {
  'await native promise (1 tick) vs thenable (2 ticks)': `
    const log = (s) => console.log(s);
    async function a() { await Promise.resolve(); log('a1'); await null; log('a2'); }
    async function b() { await { then(r) { r(); } }; log('b1'); }
    a(); b();
    Promise.resolve().then(() => log('t1')).then(() => log('t2')).then(() => log('t3')).then(() => log('t4'));
  `,
  'return vs return await vs return value': `
    async function r1() { return Promise.resolve(1); }
    async function r2() { return await Promise.resolve(2); }
    async function r3() { return 3; }
    r1().then(v => console.log('r1', v)); r2().then(v => console.log('r2', v)); r3().then(v => console.log('r3', v));
    let p = Promise.resolve();
    for (let i = 0; i < 6; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'nextTick vs microtasks vs timers vs immediates': `
    setTimeout(() => console.log('timeout'), 0);
    setImmediate(() => console.log('immediate'));
    process.nextTick(() => console.log('tick1'));
    Promise.resolve().then(() => { console.log('micro1'); process.nextTick(() => console.log('tick-from-micro')); });
    queueMicrotask(() => console.log('qm'));
    process.nextTick(() => { console.log('tick2'); Promise.resolve().then(() => console.log('micro-from-tick')); });
    console.log('sync');
  `,
  'timer callbacks: ticks and microtasks between timers': `
    setTimeout(() => { console.log('t1'); process.nextTick(() => console.log('t1 tick')); Promise.resolve().then(() => console.log('t1 micro')); }, 100);
    setTimeout(() => { console.log('t2'); }, 100);
    setTimeout(() => { console.log('t3 300'); setImmediate(() => console.log('imm in t3')); setTimeout(() => console.log('t0 in t3'), 0); }, 300);
    setTimeout(() => console.log('t4 200'), 200);
    setTimeout(() => console.log('t6 neg'), -5);
    setTimeout(() => console.log('t7 NaN'), NaN);
    setTimeout(() => console.log('t8 "str"'), 'abc');
  `,
  'nested timers and immediates inside immediates': `
    setImmediate(() => {
      console.log('i1');
      setImmediate(() => console.log('i3 (next iteration)'));
      process.nextTick(() => console.log('tick after i1'));
    });
    setImmediate(() => console.log('i2'));
    setTimeout(() => {
      console.log('timer');
      setTimeout(() => console.log('timer2'), 0);
      setImmediate(() => console.log('imm from timer'));
    }, 200);
  `,
  'setInterval and clearInterval': `
    let n = 0;
    const iv = setInterval(() => { n++; console.log('iv', n); if (n === 3) clearInterval(iv); }, 100);
    setTimeout(() => console.log('t250'), 250);
  `,
  'clearTimeout, unref, refresh': `
    const t = setTimeout(() => console.log('never'), 10); clearTimeout(t);
    const u = setTimeout(() => console.log('unref never'), 2000); u.unref();
    console.log(typeof u.hasRef(), u.hasRef());
    const r = setTimeout(() => console.log('refreshed'), 300);
    setTimeout(() => { r.refresh(); console.log('refresh at 100'); }, 100);
    setTimeout(() => console.log('at 350'), 350);
    const prim = setTimeout(() => console.log('never prim'), 5); clearTimeout(+prim);
  `,
  'combinators': `
    const d = (ms, v, fail) => new Promise((res, rej) => setTimeout(() => fail ? rej(new Error(v)) : res(v), ms));
    Promise.all([d(20, 'a'), d(10, 'b'), 3]).then(v => console.log('all', v));
    Promise.all([d(20, 'a'), d(10, 'b', true)]).catch(e => console.log('all err', e.message));
    Promise.allSettled([d(5, 'x'), d(1, 'y', true)]).then(v => console.log('settled', JSON.stringify(v.map(x => x.status))));
    Promise.any([d(5, 'x', true), d(7, 'y')]).then(v => console.log('any', v));
    Promise.any([d(5, 'x', true)]).catch(e => console.log('any err', e.constructor.name, e.message, e.errors.length));
    Promise.any([]).catch(e => console.log('any empty', e.message));
    Promise.race([d(30, 'slow'), d(2, 'fast')]).then(v => console.log('race', v));
    Promise.all([]).then(v => console.log('all empty', v));
    Promise.all(5).catch(e => console.log('all 5', e.constructor.name, e.message));
  `,
  'combinator ticks and iterator closing': `
    const log = (s) => console.log(s);
    Promise.all([1, Promise.resolve(2)]).then(() => log('all'));
    Promise.race([1, 2]).then(() => log('race'));
    Promise.allSettled([1]).then(() => log('allSettled'));
    Promise.any([1]).then(() => log('any'));
    let p = Promise.resolve(); for (let i = 0; i < 5; i++) { const j = i; p = p.then(() => log('tick ' + j)); }
    const iter = { [Symbol.iterator]() { let i = 0; return { next() { i++; if (i === 2) throw new Error('boom'); return { value: i, done: false }; }, return() { log('return called (wrong)'); return {}; } }; } };
    Promise.all(iter).catch(e => log('step threw: ' + e.message));
    const iter2 = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; }, return() { log('closed'); return {}; } }; } };
    const Bad = function (ex) { return new Promise(ex); }; Bad.resolve = () => { throw new Error('resolve threw'); };
    Promise.all.call(Bad, iter2).catch(e => log('resolve threw -> ' + e.message));
  `,
  'finally': `
    Promise.resolve(1).finally(() => console.log('f1')).then(v => console.log('v', v));
    Promise.reject(new Error('x')).finally(() => console.log('f2')).catch(e => console.log('e', e.message));
    Promise.resolve(2).finally(() => { throw new Error('in finally'); }).catch(e => console.log('e2', e.message));
    Promise.resolve(3).finally(() => Promise.reject(4)).catch(e => console.log('e3', e));
    Promise.resolve(5).finally(7).then(v => console.log('nonfn', v));
    let p = Promise.resolve(); for (let i = 0; i < 6; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'species and subclassing': `
    class MyP extends Promise {
      constructor(ex) { super(ex); this.tag = 'mine'; }
      static get [Symbol.species]() { return Promise; }
    }
    const m = new MyP(r => r(1));
    console.log(m instanceof MyP, m.then(() => {}) instanceof MyP, m.then(() => {}) instanceof Promise);
    class P2 extends Promise {}
    const p2 = P2.resolve(3);
    console.log(p2 instanceof P2, p2.then(x => x) instanceof P2, P2.all([1]) instanceof P2);
    p2.then(v => console.log('p2', v));
    console.log(Object.prototype.toString.call(p2), String(Promise.resolve()));
    try { Promise(); } catch (e) { console.log(e.message); }
    try { new Promise(1); } catch (e) { console.log(e.message); }
    try { Promise.prototype.then.call({}, 1); } catch (e) { console.log(e.message); }
    console.log(Promise.name, Promise.length, Promise.prototype.then.name, Promise.prototype.then.length, Promise.all.length, Promise.prototype.finally.length);
    console.log(typeof Promise.withResolvers, typeof Promise.try);
    console.log(Object.getOwnPropertyNames(Promise).sort().join());
    const self = new Promise(r => setTimeout(() => r(self)));
    self.catch(e => console.log(e.constructor.name, e.message));
  `,
  'console.log of promises': `
    const pending = new Promise(() => {});
    console.log(pending);
    console.log(Promise.resolve(42), Promise.resolve('s'), Promise.resolve(undefined), Promise.resolve({ a: 1, b: [1, 2] }));
    const rej = Promise.reject(new Error('bad')); rej.catch(() => {});
    console.log(Promise.reject(7).catch(() => {}));
    const r2 = Promise.reject(7); r2.catch(() => {}); console.log(r2);
    console.log([Promise.resolve(1), { p: Promise.resolve(Promise.resolve(2)) }]);
    const x = Promise.resolve(1); x.extra = 'yes'; console.log(x);
    class Sub extends Promise {} console.log(Sub.resolve(5));
  `,
  'errors across awaits': `
    async function thrower() { await null; throw new Error('deep'); }
    async function middle() { try { await thrower(); } catch (e) { console.log('caught', e.message); throw new TypeError('again'); } finally { console.log('finally'); } }
    middle().catch(e => console.log('outer', e.name, e.message));
  `,
  'async generators: queue, return/throw while suspended': `
    async function* g() { try { console.log('start'); const x = yield 1; console.log('got', x); yield 2; yield 3; } finally { console.log('cleanup'); } }
    const it = g();
    it.next('ignored').then(r => console.log('n1', JSON.stringify(r)));
    it.next('X').then(r => console.log('n2', JSON.stringify(r)));
    it.return(99).then(r => console.log('ret', JSON.stringify(r)));
    it.next().then(r => console.log('n3', JSON.stringify(r)));
    const it2 = g();
    it2.return(5).then(r => console.log('early return', JSON.stringify(r)));
    const it3 = g();
    it3.throw(new Error('early')).catch(e => console.log('early throw', e.message));
    it3.next().then(r => console.log('after throw', JSON.stringify(r)));
    let p = Promise.resolve(); for (let i = 0; i < 8; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'async generator: yield awaits, yield*, for await': `
    async function* inner() { yield 'i1'; yield Promise.resolve('i2'); return 'inner-ret'; }
    async function* outer() { const r = yield* inner(); console.log('yield* returned', r); yield* [10, 20]; yield 'o'; }
    (async () => { for await (const v of outer()) console.log('v', v); console.log('done'); })();
    let p = Promise.resolve(); for (let i = 0; i < 12; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'for await over sync iterables with promises, break closes': `
    (async () => {
      for await (const x of [1, Promise.resolve(2), 3]) console.log('x', x);
      function* s() { try { yield 'a'; yield 'b'; yield 'c'; } finally { console.log('sync closed'); } }
      for await (const y of s()) { console.log('y', y); if (y === 'b') break; }
      async function* ag() { try { yield 1; yield 2; } finally { console.log('async closed'); } }
      for await (const z of ag()) { console.log('z', z); break; }
    })();
    let p = Promise.resolve(); for (let i = 0; i < 10; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'yield* throw and return forwarding': `
    async function* inner() { try { yield 1; yield 2; } catch (e) { console.log('inner caught', e); yield 'recovered'; } finally { console.log('inner finally'); } }
    async function* outer() { try { yield* inner(); } finally { console.log('outer finally'); } }
    (async () => {
      const it = outer();
      console.log(JSON.stringify(await it.next()));
      console.log(JSON.stringify(await it.throw('E')));
      console.log(JSON.stringify(await it.return('R')));
      console.log(JSON.stringify(await it.next()));
    })();
  `,
  'thenable adoption and self resolution': `
    const t = { then(res) { console.log('then called'); res('thenable value'); } };
    Promise.resolve(t).then(v => console.log(v));
    new Promise(r => r(t)).then(v => console.log('ctor', v));
    console.log('sync');
    const bad = { get then() { throw new Error('getter'); } };
    Promise.resolve(bad).catch(e => console.log('getter err', e.message));
  `,
  'unhandled rejection (error) exits 1': `
    console.log('before');
    Promise.reject(new Error('boom'));
    setTimeout(() => console.log('never'), 0);
  `,
  'unhandled rejection (non-error) exits 1': `
    Promise.reject(42);
  `,
  'rejection handled within the same drain is not reported': `
    const p = Promise.reject(new Error('late'));
    Promise.resolve().then(() => p.catch(e => console.log('handled', e.message)));
  `,
  'unhandledRejection listener and exit events': `
    process.on('unhandledRejection', (r, p) => console.log('unhandled', r, p));
    process.on('exit', (c) => console.log('exit', c));
    process.on('beforeExit', (c) => { console.log('beforeExit', c); });
    Promise.reject('reason');
  `,
  'uncaught exception in a timer': `
    process.on('exit', (c) => console.log('exit', c));
    setTimeout(() => { throw new Error('cb'); }, 1);
    setTimeout(() => console.log('never'), 2);
  `,
  'uncaughtException handler keeps going': `
    process.on('uncaughtException', (e, origin) => console.log('caught', e.message, origin));
    setTimeout(() => { throw new Error('t'); }, 1);
    setTimeout(() => console.log('still running'), 2);
  `,
  'process.exit stops the run': `
    process.on('exit', (c) => console.log('exit', c));
    setTimeout(() => { console.log('t'); process.exit(3); console.log('not printed'); }, 5);
    setTimeout(() => console.log('never'), 10);
  `,
  'process.exitCode and beforeExit scheduling more': `
    process.exitCode = 4;
    let n = 0;
    process.on('beforeExit', () => { if (n++ < 2) setTimeout(() => console.log('more', n), 1); });
  `,
  'console: groups, count, time, assert, dir': `
    console.group('G');
    console.log('inside\\nmultiline');
    console.group();
    console.info({ a: 1 });
    console.groupEnd(); console.groupEnd();
    console.count(); console.count(); console.count('x'); console.countReset(); console.count();
    console.assert(true, 'no'); console.assert(false, 'yes %s', 'fmt'); console.assert(false);
    console.dir({ deep: { deeper: { deepest: { x: 1 } } } }, { depth: 0 });
    console.log('%s is %d', 'x', 42, 'extra');
    console.error('to stderr');
  `,
  'Date and performance': `
    console.log(new Date() instanceof Date, typeof Date(), Date.length, Date.name, typeof Date.now(), typeof performance.now());
    console.log(new Date(0).toISOString(), Date.UTC(2020, 1), new Date(2020, 1, 2).getMonth());
  `,
  'timers/promises': `
    const tp = require('timers/promises');
    (async () => {
      const v = await tp.setTimeout(100, 'val');
      console.log(v);
      console.log(await tp.setImmediate('imm'));
      let n = 0;
      for await (const x of tp.setInterval(10, 'iv')) { console.log(x); if (++n === 3) break; }
      console.log('end');
    })();
  `,
  'async arrow, methods, this': `
    class C { constructor() { this.v = 7; } async get() { await null; return this.v; } }
    const f = async (x) => { await null; return x * 2; };
    new C().get().then(v => console.log('method', v));
    f(21).then(v => console.log('arrow', v));
    const o = { n: 'obj', async m() { return this.n; } };
    o.m().then(v => console.log('obj', v));
  `,
  'many sequential awaits': `
    async function count(n) { let s = 0; for (let i = 0; i < n; i++) { s += await i; } return s; }
    count(10000).then(v => console.log(v));
    setImmediate(() => console.log('imm'));
    process.nextTick(() => console.log('tick'));
  `,
  'deep promise chains interleaved': `
    async function a() { console.log('a0'); await b(); console.log('a1'); }
    async function b() { console.log('b0'); await null; console.log('b1'); await null; console.log('b2'); }
    a();
    new Promise(r => { console.log('exec'); r(); }).then(() => console.log('p1')).then(() => console.log('p2')).then(() => console.log('p3')).then(() => console.log('p4'));
    console.log('end');
  `,
};
