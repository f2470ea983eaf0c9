// return inside finally overrides the try's return and swallows a thrown error.
const log = (s) => console.log(s);
async function a() {
  try { return 'try'; } finally { return 'finally'; }
}
async function b() {
  try { await null; throw new Error('lost'); } finally { return 'finally wins'; }
}
async function c() {
  try { return 'try'; } finally { await null; throw new Error('finally throws'); }
}
a().then((v) => log('a ' + v));
b().then((v) => log('b ' + v));
c().then((v) => log('c ' + v), (e) => log('c rejected ' + e.message));
