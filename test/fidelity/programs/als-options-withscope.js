// node: >=24
// Node 24+: AsyncLocalStorage options (`defaultValue`, `name`), `withScope` (a disposable scope:
// enterWith now, the previous store back on dispose), and createHook's `trackPromises: false`.
const { AsyncLocalStorage, createHook, executionAsyncId } = require('async_hooks');
const log = (s) => console.log(s);
const als = new AsyncLocalStorage({ defaultValue: 'default', name: 'requests' });
const plain = new AsyncLocalStorage();
log(`name=${als.name} plain name=${JSON.stringify(plain.name)} store=${als.getStore()}`);
als.run(undefined, () => log(`run(undefined) store=${als.getStore()}`));
als.run('x', () => {
  log(`run store=${als.getStore()}`);
  als.exit(() => log(`exit store=${als.getStore()}`));
  const scope = als.withScope('scoped');
  log(`withScope store=${als.getStore()}`);
  setTimeout(() => log(`timer from the scope store=${als.getStore()}`), 1);
  scope.dispose();
  scope.dispose();
  log(`disposed store=${als.getStore()}`);
  log(`Symbol.dispose is a function: ${typeof scope[Symbol.dispose]}`);
});
try { new AsyncLocalStorage(42); } catch (e) { log(`${e.name} ${e.code}`); }
const seen = [];
const hook = createHook({ init(asyncId, type) { seen.push(type); }, trackPromises: false }).enable();
Promise.resolve().then(() => {});
setTimeout(() => {
  hook.disable();
  log(`trackPromises false saw: ${seen.join(',')}`);
  try { createHook({ promiseResolve() {}, trackPromises: false }); } catch (e) { log(`${e.name} ${e.code}: ${e.message}`); }
  try { createHook({ trackPromises: 1 }); } catch (e) { log(`${e.name} ${e.code}`); }
  try { createHook({ init: 1 }); } catch (e) { log(`${e.name} ${e.code}: ${e.message}`); }
}, 50);
