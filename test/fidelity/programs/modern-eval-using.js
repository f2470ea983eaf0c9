// node: >=24
// A direct eval whose text declares `using` (or, refused, `await using`): the engine's own V8
// (Node 20/22) has no such syntax, so the text is lowered (instrument/eval-text.ts) — what the eval returns (its
// completion value), the disposal order and the errors must stay Node 24/26's.
const log = [];
const res = (name) => ({ [Symbol.dispose]() { log.push(`dispose ${name}`); } });
const tick = (n) => { let p = Promise.resolve(); for (let i = 1; i <= n; i++) { const k = i; p = p.then(() => log.push(`tick ${k}`)); } return p; };

console.log(eval('{using test262id1 = null;}'), eval('4; {using b = null;}'), eval('6; {using c = null, d = null;}'));
console.log(eval('1; { using a = res("a"), b = res("b"); log.push("body"); 2 } { using c = res("c"); }'), log.splice(0));
console.log(eval('"use strict"; { using a = res("strict"); }'), log.splice(0));
console.log(eval('for (using x of [res("x"), res("y")]) { log.push("iter"); 3 }'), log.splice(0));
console.log(eval('1; l: { using a = res("l"); 2; break l; }'), eval('1; if (true) { using a = null; }'), eval('1; { using a = null; try { 2 } finally { 3 } }'), log.splice(0));

// The eval's `var`s and functions are the caller's; its lexical bindings are its own.
function scopes() {
  eval('{ using a = res("s"); var fromEval = 7; function evalFn() { return 8; } } let hidden = 9;');
  return [fromEval, evalFn(), typeof hidden];
}
console.log(scopes(), log.splice(0));

// Errors: a disposer's error, one suppressing the block's, `using` of a non-object, V8's early errors.
const show = (e) => (e instanceof SuppressedError ? `${e.name}: ${e.message} (error ${e.error.message}, suppressed ${e.suppressed.message})` : `${e.name}: ${e.message}`);
for (const text of [
  '{ using a = { [Symbol.dispose]() { throw new Error("d1"); } }; }',
  '{ using a = { [Symbol.dispose]() { throw new Error("d1"); } }; throw new Error("body"); }',
  '{ using a = 1; }',
  'using a = null;',
  '{ using a; }',
  '{ await using a = null; }',
]) {
  try {
    console.log('no error', eval(text));
  } catch (e) {
    console.log(show(e));
  }
}

// A direct eval in an async function, between ticks. (Not here: `await using` in an async function
// written in the eval's text — such a function is V8's own, not simulated, whatever it declares;
// see test/conformance/README.md.)
async function main() {
  tick(4);
  log.push(`before ${eval('{ using a = res("a"); } 10')}`);
  await null;
  log.push(`after ${eval('l: { using b = res("b"); 11; break l; }')}`);
  await tick(2);
  console.log(log.splice(0));
}
main();
