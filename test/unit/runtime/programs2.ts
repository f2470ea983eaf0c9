/** More differential programs (edge cases). */
export const programs2: Record<string, string> = {
  'yield* ticks: return() during delegation to an array, a sync and an async generator': `
    let t = 0, stop = false;
    (function tick() { if (stop) return; t++; Promise.resolve().then(tick); })();
    function* s() { try { yield 1; yield 2; } finally { console.log('sync finally', t); } }
    async function* a() { try { yield 1; yield 2; } finally { console.log('async finally', t); } }
    async function* d(inner) { try { yield* inner(); } finally { console.log('outer finally', t); } }
    (async () => {
      for (const inner of [() => [1, 2], s, a]) {
        const it = d(inner);
        await it.next();
        const p = it.return('R').then((r) => console.log('return', JSON.stringify(r), t));
        await it.next().then((r) => console.log('next', JSON.stringify(r), t));
        await p;
      }
      for await (const v of d(a)) { console.log('got', v, t); break; }
      console.log('after break', t);
      stop = true;
    })();
  `,
  'console.log of a rejected promise with an Error (multi-line)': `
    const p = Promise.reject(new Error('bad')); p.catch(() => {});
    const s = util_inspect_free(p);
    function util_inspect_free(x) { return x; }
    console.log(String(Object.keys(p)), typeof p.then);
    console.log([p].length);
    const q = Promise.resolve({ long: 'x'.repeat(60), more: 'y'.repeat(30) }); console.log(q);
    console.log(new Promise(() => {}), [new Promise(() => {})]);
  `,
  'async generator: return of a promise, yield of a rejected promise': `
    async function* g() { yield 1; return Promise.resolve('ret'); }
    async function* h() { try { yield Promise.reject(new Error('y')); } catch (e) { console.log('caught in gen', e.message); yield 'after'; } }
    (async () => {
      const it = g(); console.log(JSON.stringify(await it.next()), JSON.stringify(await it.next()), JSON.stringify(await it.next()));
      const it2 = h(); console.log(JSON.stringify(await it2.next())); console.log(JSON.stringify(await it2.next()));
    })();
    let p = Promise.resolve(); for (let i = 0; i < 10; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'callbacks with arguments and queueMicrotask errors': `
    setTimeout((a, b) => console.log('timeout', a, b), 1, 'x', 2);
    setImmediate((a) => console.log('immediate', a), 'y');
    process.nextTick((a, b, c) => console.log('tick', a, b, c), 1, 2, 3);
    process.on('uncaughtException', (e) => console.log('uncaught', e.message));
    queueMicrotask(() => { throw new Error('qm'); });
    queueMicrotask(() => console.log('qm2'));
  `,
  'async function throwing without catch (unhandled Error)': `
    async function f() { await null; throw new TypeError('nope'); }
    f();
    setTimeout(() => console.log('never'), 1);
  `,
  'race closes nothing; await in loops with Promise.race': `
    const d = (ms, v) => new Promise(r => setTimeout(() => r(v), ms));
    (async () => {
      for (let i = 0; i < 3; i++) { const v = await Promise.race([d(100 * (3 - i), 'slow'), d(50, 'fast' + i)]); console.log(v); }
      const results = await Promise.allSettled([d(10, 1), Promise.reject(new Error('r'))]);
      console.log(results.map(r => r.status + ':' + (r.value ?? r.reason.message)).join(','));
    })();
  `,
  'then callback ordering with multiple handlers and late subscribers': `
    const p = new Promise(r => setTimeout(() => r('v'), 100));
    p.then(v => console.log('h1', v)); p.then(v => console.log('h2', v));
    setTimeout(() => { p.then(v => console.log('late', v)); Promise.resolve().then(() => console.log('micro')); }, 200);
    const rej = Promise.reject(new Error('x'));
    rej.then(null, e => console.log('r1', e.message)); rej.catch(e => console.log('r2', e.message));
  `,
  'await thenable objects and subclass instances (3 ticks)': `
    class Sub extends Promise {}
    (async () => { await Sub.resolve(1); console.log('sub done'); })();
    (async () => { await { then(f) { f(2); } }; console.log('thenable done'); })();
    (async () => { await Promise.resolve(3); console.log('native done'); })();
    let p = Promise.resolve(); for (let i = 0; i < 6; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'Promise.resolve identity and constructor checks': `
    const p = Promise.resolve(1);
    console.log(Promise.resolve(p) === p, new Promise(r => r(p)) === p);
    class S extends Promise {}
    console.log(S.resolve(p) === p, Promise.resolve(S.resolve(1)) instanceof S);
    try { Promise.resolve.call(1); } catch (e) { console.log(e.constructor.name, e.message); }
    try { Promise.all.call(undefined, []); } catch (e) { console.log(e.constructor.name); }
    let calls = 0; const fake = function (ex) { ex(() => {}, () => {}); calls++; };
    Promise.resolve.call(fake, 1); console.log('fake ctor calls', calls);
  `,
  'process basics': `
    console.log(typeof process.nextTick, typeof process.hrtime(), typeof process.hrtime.bigint(), Array.isArray(process.argv), typeof process.env, process.platform.length > 0);
    const [s, ns] = process.hrtime(); console.log(typeof s, typeof ns);
    process.stdout.write('raw write\\n');
    process.stderr.write('raw err\\n');
  `,
  'deep async recursion': `
    async function fib(n) { if (n < 2) return n; return (await fib(n - 1)) + (await fib(n - 2)); }
    fib(15).then(v => console.log('fib', v));
    async function chain(n) { if (n === 0) return 'bottom'; return chain(n - 1); }
    chain(50).then(v => console.log(v));
    let p = Promise.resolve(); for (let i = 0; i < 5; i++) { const j = i; p = p.then(() => console.log('tick', j)); }
  `,
  'console.table and console.dir of a promise': `
    console.table([{ a: 1, b: 'x' }, { a: 2, b: 'y' }]);
    console.table([1, 'two', { x: 3 }]);
    console.table({ r1: { c: 1 }, r2: { d: [1, 2, 3, 4] } });
    console.dir(Promise.resolve({ a: 1 }));
  `,
  'exit listener: microtasks drain, timers and ticks do not': `
    process.on('exit', () => {
      console.log('exit listener');
      setTimeout(() => console.log('timer in exit'), 0);
      Promise.resolve().then(() => console.log('microtask in exit'));
      process.nextTick(() => console.log('nextTick in exit'));
    });
    console.log('main done');
  `,
  'errors in ticks, microtasks, immediates with a listener': `
    process.on('uncaughtException', (e) => console.log('uncaught', e.message));
    queueMicrotask(() => { throw new Error('qm'); });
    queueMicrotask(() => console.log('next microtask'));
    process.nextTick(() => { throw new Error('tick'); });
    setTimeout(() => console.log('timer'), 1);
    setImmediate(() => { throw new Error('imm1'); });
    setImmediate(() => console.log('imm2'));
  `,
  'thrown string and timer overflow warning': `
    setTimeout(() => console.log('huge'), 2 ** 31);
    setTimeout(() => { throw 'a thrown string'; }, 5);
  `,
};
