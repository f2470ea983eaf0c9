// Assigning to a const binding is a TypeError when the assignment runs (after its right-hand
// side; in a destructuring pattern after the value is taken), not when the file is compiled:
// a program that never takes the branch, or catches the error, runs.
const c = 'const';
const log = (label, f) => {
  try {
    f();
    console.log(label, 'no error', c);
  } catch (e) {
    console.log(label, e.constructor.name, e.message);
  }
};
if (Math.random() > 2) c = 'never';
log('plain', () => { c = (console.log('rhs first'), 1); });
log('compound', () => { c += 1; });
log('increment', () => { c++; });
log('array pattern', () => { [c] = [console.log('value taken'), 1]; });
log('object pattern', () => { ({ c } = { c: 1 }); });
log('renamed', () => { ({ k: c = 'default' } = {}); });
log('for-of head', () => { for (c of ['a']) console.log('body'); });
log('for loop update', () => { for (const i = 0; i < 1; i++) console.log('first iteration'); });
log('shadowed let', () => { let c = 1; c = 2; });
log('parameter', () => ((c) => { c = 3; })(1));
async function viaAwait() {
  for await ([c] of [[1]]) console.log('never');
}
viaAwait().catch((e) => console.log('for await', e.constructor.name, e.message));
