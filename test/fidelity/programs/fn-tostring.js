// Function.prototype.toString of the program's own functions is the text the file has, as Node
// prints it: comments and formatting kept, nothing of the simulator's instrumentation, a class
// as written (no naming block of ours). A library that sends a function's text to a Worker
// (`new Worker(fn.toString(), { eval: true })`) runs it there.
const { Worker } = require('node:worker_threads');

function add(a,b){return a+b}
function withComments(x) {
  // doubled, then logged
  const y = x * 2; /* trailing */
  console.log(y);
  setTimeout(() => {}, 1);
  return y;
}
const arrow = (a) => { console.log(a); };
const curried = a => b => a + b;
class Counter extends Object {
  static #made = 0;
  static create() { Counter.#made++; return new Counter(); }
  get value() { return 1; }
  *[Symbol.iterator]() { yield 1; }
  tick() { console.log('tick'); }
}
const literal = { method(x){ return x }, get prop() { return 2; }, 'quoted key'() {} };
const Anonymous = class {};

for (const f of [add, withComments, arrow, curried, curried(1), Counter, Counter.create, Counter.prototype.tick,
  Object.getOwnPropertyDescriptor(Counter.prototype, 'value').get, Counter.prototype[Symbol.iterator],
  literal.method, Object.getOwnPropertyDescriptor(literal, 'prop').get, literal['quoted key'], Anonymous]) {
  console.log(Function.prototype.toString.call(f));
  console.log('---');
}
console.log(String(add.bind(null)));
console.log(String(Math.max), String(function () { return fetch; }), `${() => {}}`);

function square(n) { require('node:worker_threads').parentPort.postMessage(n * n); }
const worker = new Worker(`(${square})(12)`, { eval: true });
worker.on('message', (m) => console.log('the worker ran the text:', m));
