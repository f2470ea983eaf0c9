// node: 20,22,24,26
// An error thrown by an async function before its first await: Node's stack has one frame for
// the function (where it threw), then its callers — no frame of the instrumenter's outer function.
async function validate(x) {
  if (!x) throw new Error('bad input');
  await null;
  return x;
}
function caller() {
  return validate(0);
}
const arrow = async (y) => { throw new TypeError('arrow ' + y); };
const obj = { async method() { throw new Error('method'); } };
class Repo {
  constructor() { this.name = 'repo'; }
  static async create(ok) { if (!ok) throw new RangeError('create'); return new Repo(); }
  async find(id) { if (id < 0) throw new Error(`${this.name}: no ${id}`); await null; return id; }
}
async function outer() {
  return inner(); // an async function calling another before either awaits
}
async function deeper(n) {
  if (n === 0) {
    console.log('stackTraceLimit inside:', Error.stackTraceLimit > 0);
    throw new Error('deep');
  }
  return deeper(n - 1);
}
async function inner() {
  throw new Error('inner');
}
const fail = (what) => { throw new Error(what); };
async function* generate(a = fail('default parameter')) {
  yield a;
}

const show = (e) => console.log(e.stack);
caller().catch(show);
arrow(1).catch(show);
obj.method().catch(show);
Repo.create(false).catch(show);
new Repo().find(-1).catch(show);
outer().catch(show);
deeper(12).catch(show); // more frames of the program than the limit
Error.stackTraceLimit = 3;
deeper(2).catch(show);
Error.stackTraceLimit = 10;
try {
  generate();
} catch (e) {
  show(e);
}
validate(0); // unhandled: Node prints the error with its stack and exits with 1
