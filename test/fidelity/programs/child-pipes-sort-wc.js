// Two children connected by the parent: the output of `sort` fed into `wc -l` through the
// parent's pipe(); each child's stdout collected, printed once both have closed (their relative
// 'close' order is a race); then `head -c 5` reading only part of its stdin.
const { spawn } = require('node:child_process');

const closed = (child) => new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
(async () => {
  const sort = spawn('sort', [], { env: { ...process.env, LC_ALL: 'C' } });
  const wc = spawn('wc', ['-l']);
  let sorted = '';
  sort.stdout.on('data', (d) => (sorted += d));
  sort.stdout.pipe(wc.stdin);
  let counted = '';
  wc.stdout.on('data', (d) => (counted += d));
  sort.stdin.end('pear\napple\nfig\nbanana\nApple\n');
  const [s, w] = await Promise.all([closed(sort), closed(wc)]);
  console.log('sort', s, JSON.stringify(sorted));
  console.log('wc', w, 'lines =', counted.trim());
  const head = spawn('head', ['-c', '5']);
  let h = '';
  head.stdout.on('data', (d) => (h += d));
  head.stdin.end('abcdefghij');
  console.log('head', await closed(head), JSON.stringify(h));
})();
