// AsyncLocalStorage.bind / snapshot and AsyncResource: a function bound now runs later in the
// context it was bound in (store and async ids), whoever calls it; runInAsyncScope enters a
// resource's context for one call. Async ids are printed by order of first appearance.
const { AsyncLocalStorage, AsyncResource, executionAsyncId, triggerAsyncId } = require('async_hooks');
const als = new AsyncLocalStorage();
const names = new Map();
const id = (n) => (n === 0 ? '0' : (names.has(n) || names.set(n, `#${names.size + 1}`), names.get(n)));
const where = () => `store=${als.getStore()} exec=${id(executionAsyncId())} trigger=${id(triggerAsyncId())}`;
const log = (s) => console.log(s);

log(`top ${where()}`);
let bound, snap, resource, boundToResource;
als.run('bound-here', () => {
  bound = AsyncLocalStorage.bind(function named(x) { return `bound(${x}) ${where()} this=${this === undefined ? 'undefined' : this.tag}`; });
  snap = AsyncLocalStorage.snapshot();
  resource = new AsyncResource('MyResource');
  boundToResource = resource.bind((x) => `resource.bind(${x}) ${where()}`);
  log(`resource ids: asyncId=${id(resource.asyncId())} trigger=${id(resource.triggerAsyncId())}`);
  log(`bound.length=${bound.length} name=${bound.name}`);
});
als.run('caller', () => {
  log(bound(1));
  log(bound.call({ tag: 'obj' }, 2));
  log(snap((a, b) => `snapshot(${a},${b}) ${where()}`, 'x', 'y'));
  log(boundToResource(3));
  log(`runInAsyncScope: ${resource.runInAsyncScope(function (a) { return `${a} ${where()} this=${this.tag}`; }, { tag: 'T' }, 'arg')}`);
  log(`after: ${where()}`);
});
setTimeout(() => {
  log(`timer ${where()}`);
  log(bound(4));
  const child = new AsyncResource('Child', { triggerAsyncId: resource.asyncId() });
  log(`child trigger is the resource: ${child.triggerAsyncId() === resource.asyncId()}`);
  child.runInAsyncScope(() => log(`in child ${where()}`));
  resource.emitDestroy();
  try { new AsyncResource('Bad', { triggerAsyncId: -2 }); } catch (e) { log(`${e.name} ${e.code}: ${e.message}`); }
  try { new AsyncResource(42); } catch (e) { log(`${e.name} ${e.code}`); }
  try { AsyncLocalStorage.bind(7); } catch (e) { log(`${e.name} ${e.code}`); }
}, 1);
