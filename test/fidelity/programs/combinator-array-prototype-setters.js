// Promise.all/allSettled/any fill their result lists as internal Lists (CreateDataProperty), and
// promise jobs run from V8's queue: a setter a program puts on Array.prototype's indices runs for
// none of it. The setters throw; while they are installed only promise code runs (no timers or
// ticks, no rejection without a handler: Node's own JavaScript for those pushes onto arrays), and
// nothing is printed until they are removed. They are installed in an immediate, once the ticks
// of the process's start (a pipe's first write) have run.
const names = [0, 1, 2];
const install = () => {
  for (const i of names) {
    Object.defineProperty(Array.prototype, i, {
      configurable: true,
      set() { throw new Error('setter on Array.prototype[' + i + '] called'); },
    });
  }
};
let out = '';
const rejecting = { then(_, reject) { reject(new Error('x')); } };
async function* gen() { yield 1; yield 2; }
async function run() {
  out += 'all ' + JSON.stringify(await Promise.all([42, Promise.resolve('b'), 'c'])) + '\n';
  const settled = await Promise.allSettled([rejecting, 7]);
  out += 'allSettled ' + settled.map((e) => e.status + ':' + (e.value ?? e.reason.message)).join(',') + '\n';
  try {
    await Promise.any([rejecting, rejecting]);
  } catch (e) {
    out += 'any ' + e.constructor.name + ' ' + e.errors.length + '\n';
  }
  out += 'race ' + await Promise.race([Promise.resolve('first'), 'second']) + '\n';
  let sum = 0;
  for await (const v of gen()) sum += v;
  out += 'for await ' + sum + '\n';
}
setImmediate(() => {
  install();
  run().then(
    () => 'done',
    (e) => 'failed: ' + e.message,
  ).then((how) => {
    for (const i of names) delete Array.prototype[i];
    process.stdout.write(out);
    console.log(how);
  });
});
