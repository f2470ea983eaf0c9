// V8's async stack traces: `at async f (file:line:col)` frames below an error made after an
// await, following who awaits whom (at each awaiter's current await), through Promise.all /
// allSettled / any (`at async Promise.all (index N)`), `.then` chains (followed, no frame), for
// await (at the loop's binding); none past a promise awaited twice or not yet adopted.
// Run from a timer and printed at the end: once a tick is pending (stdout written to, as the
// fidelity harness's warm-up does), Node drains microtasks from processTicksAndRejections, a
// frame of its own under every error (not this test's subject).
const out = [];
const show = (label, e) => out.push(label + '\n' + e.stack);

async function a() { await null; throw new Error('nested'); }
async function b() { await a(); }
async function nested() { try { await b(); } catch (e) { show('nested', e); } }

class Service {
  async inner() { await null; throw new Error('method'); }
  async run() { await this.inner(); }
}
async function method() { try { await new Service().run(); } catch (e) { show('method', e); } }

const arrow = async () => { await null; throw new Error('arrow'); };
async function viaArrow() { try { await arrow(); } catch (e) { show('arrow', e); } }

async function all1() { await null; throw new Error('all'); }
async function all() { try { await Promise.all([Promise.resolve(1), all1()]); } catch (e) { show('Promise.all', e); } }
async function settled1() { await null; throw new Error('allSettled'); }
async function allSettled() { const [r] = await Promise.allSettled([settled1()]); show('Promise.allSettled', r.reason); }
async function any1() { await null; throw new Error('any'); }
async function any() { try { await Promise.any([any1()]); } catch (e) { show('Promise.any', e.errors[0]); } }

async function then1() { await null; throw new Error('then'); }
async function thenChain() { try { await then1().then((x) => x); } catch (e) { show('then chain', e); } }
async function inThen() { try { await Promise.resolve().then(() => { throw new Error('in then'); }); } catch (e) { show('in then', e); } }

async function* gen() { await null; throw new Error('async generator'); }
async function forAwait() { try { for await (const x of gen()) console.log(x); } catch (e) { show('for await', e); } }

async function twice1() { await null; throw new Error('awaited twice'); }
async function twice() { const p = twice1(); p.catch(() => {}); try { await p; } catch (e) { show('awaited twice', e); } }

async function ret1() { await null; throw new Error('return p'); }
async function ret2() { return ret1(); }
async function returned() { try { await ret2(); } catch (e) { show('return p, not adopted yet', e); } }

async function made() { await null; return new Error('returned, not thrown'); }
async function later() { const e = await made(); await null; show('formatted later', e); }

async function many() { await 1; await 2; throw new Error('after awaits'); }
async function afterAwaits() { await 0; try { await many(); } catch (e) { show('after awaits', e); } }

async function main() {
  await nested(); await method(); await viaArrow(); await all(); await allSettled(); await any();
  await thenChain(); await inThen(); await forAwait(); await twice(); await returned(); await later();
  await afterAwaits();
  console.log(out.join('\n'));
}
setTimeout(() => { main(); }, 0);
