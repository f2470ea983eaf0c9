// throw() into an async generator suspended in yield* over a sync iterator that has no throw():
// Node 20 and 22 reject with the thrown value and leave the iterator open; Node 24 and 26 (ES2025,
// V8 12.x) close it (return() is called) and reject with V8's TypeError.
const log = (s) => console.log(s);
const it = { [Symbol.iterator]() { return { next() { return { value: 1, done: false }; }, return() { log('return called'); return {}; } }; } };
async function* g() { yield* it; }
(async () => {
  const gen = g();
  log('first ' + JSON.stringify(await gen.next()));
  try {
    await gen.throw(new Error('boom'));
  } catch (e) {
    log('caught ' + e.constructor.name + ': ' + e.message);
  }
  log('after ' + JSON.stringify(await gen.next()));
})();
