// Async recursion (fibonacci, tree walk) interleaved with a microtask counter.
const log = (s) => console.log(s);
async function fib(n) {
  if (n < 2) return n;
  const [a, b] = await Promise.all([fib(n - 1), fib(n - 2)]);
  return a + b;
}
async function walk(node, depth = 0) {
  log('  '.repeat(depth) + node.name);
  for (const child of node.children ?? []) {
    await null;
    await walk(child, depth + 1);
  }
}
fib(10).then((v) => log('fib(10)=' + v));
walk({ name: 'root', children: [{ name: 'a', children: [{ name: 'a1' }] }, { name: 'b' }] }).then(() => log('walk done'));
