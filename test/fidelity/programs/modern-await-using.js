// node: >=24
// `await using`: the scope's exit awaits each async disposer (and once for null resources);
// sync resources in the same scope are disposed between; ticks interleave with other work as in V8.
const log = [];
const tick = (n) => { let p = Promise.resolve(); for (let i = 1; i <= n; i++) { const k = i; p = p.then(() => log.push(`tick ${k}`)); } return p; };
const res = (name) => ({ async [Symbol.asyncDispose]() { log.push(`dispose ${name} start`); await null; log.push(`dispose ${name} end`); } });
async function main() {
  tick(12);
  {
    await using a = res('a');
    using s = { [Symbol.dispose]() { log.push('sync s'); } };
    await using b = res('b');
    log.push('block body');
  }
  log.push('after block');
  {
    await using n = null;
  }
  log.push('after null block');
  {
    await using syncOnly = { [Symbol.dispose]() { log.push('sync-only resource'); } };
  }
  log.push('after sync-only block');
  try {
    await using r = { [Symbol.asyncDispose]: () => Promise.reject(new Error('rejects')) };
    throw new Error('body');
  } catch (e) {
    log.push(`${e.name}: ${e.error.message} over ${e.suppressed.message}`);
  }
  for await (await using it of [res('it1'), Promise.resolve(res('it2'))]) log.push('iteration');
  return 'main done';
}
main().then((v) => { log.push(v); console.log(log.join('\n')); });
