// Valid JavaScript that TypeScript's parser misreads (src/core/instrument/parse-repairs.ts): `in`
// in an array literal's default inside a for head. (The other repair, `let` at a line's end as a
// loop body, needs sloppy mode, which the repository's tsconfig "strict" denies this folder's files
// under esbuild; it is covered by test/unit/instrument/parse-repairs.test.ts and test262.)
let x;
async function fn() {
  for await ([ x = 'x' in {} ] of [[]]) {
    console.log(x);
  }
  for ([ x = 'y' in { y: 1 } ] of [[]]) console.log(x);
  for (const [ y = 'length' in [] ] of [[]]) console.log(y);
  await null;
  console.log('after');
}
fn().then(() => console.log('done'));
setTimeout(() => console.log('timer'), 0);
