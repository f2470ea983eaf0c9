// return expr in async generators: awaited inside the body (try/catch sees a rejection),
// explicit `return undefined` awaited, `return;` not — observed through tick interleaving.
async function* caught() {
  try {
    return Promise.reject(new Error('late'));
  } catch (e) {
    console.log('caught inside:', e.message);
    return 'recovered';
  } finally {
    console.log('finally runs');
  }
}
async function* explicitUndefined() { return undefined; }
async function* bare() { return; }
async function* value() { return Promise.resolve(7); }
async function* thenable() { return { then(r) { console.log('then called'); r('t'); } }; }

function ticks(label, n) {
  let i = 0;
  const step = () => { console.log(label, 'tick', ++i); if (i < n) Promise.resolve().then(step); };
  Promise.resolve().then(step);
}

(async () => {
  console.log(await caught().next());
  for (const [name, g] of [['explicit undefined', explicitUndefined], ['bare', bare], ['value', value], ['thenable', thenable]]) {
    ticks(name, 6);
    const r = await g().next();
    console.log(name, '→', r);
  }
})();
