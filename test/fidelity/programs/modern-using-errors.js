// node: >=24
// `using` / `await using` of values that are not disposable, and of non-callable or proxy dispose methods (a proxy refused on Node 24, called on 26).
const revoked = (target) => { const r = Proxy.revocable(target, {}); r.revoke(); return r.proxy; };
const BAD = [['[]', []], ['{}', {}], ['3', 3], ["'x'", 'x'], ['true', true], ['10n', 10n], ['sym', Symbol('s')], ['fn', () => 1], ['proxy', new Proxy({}, {})], ['fnproxy', new Proxy(() => 1, {})], ['revokedFn', revoked(() => 1)]];
for (const [name, v] of BAD) { try { { using x = v; } console.log('using', name, 'ok'); } catch (e) { console.log('using', name, e.constructor.name, e.message); } }
for (const [name, v] of BAD) { try { { using x = { [Symbol.dispose]: v }; } console.log('using dispose', name, 'ok'); } catch (e) { console.log('using dispose', name, e.constructor.name, e.message); } }
(async () => {
  for (const [name, v] of BAD) { try { { await using x = v; } console.log('await using', name, 'ok'); } catch (e) { console.log('await using', name, e.constructor.name, e.message); } }
  for (const [name, v] of BAD) { try { { await using x = { [Symbol.asyncDispose]: v }; } console.log('await using asyncDispose', name, 'ok'); } catch (e) { console.log('await using asyncDispose', name, e.constructor.name, e.message); } }
  for (const [name, v] of BAD) { try { { await using x = { [Symbol.dispose]: v }; } console.log('await using dispose', name, 'ok'); } catch (e) { console.log('await using dispose', name, e.constructor.name, e.message); } }
})();
