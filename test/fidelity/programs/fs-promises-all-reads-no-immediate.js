// Promise.all of concurrent fs.promises.readFile calls resolves with results in input order (the
// reads themselves race); nextTick and promise order after the all-await; allSettled; a race of
// an ENOENT read against a 300 ms timer; a 600 ms timer fires after everything. The form of
// fs-promises-all-reads.js without its top-level immediate, which races on Node 26.
const fs = require('node:fs');
const fsp = require('node:fs/promises');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const names = ['e', 'd', 'c', 'b', 'a'];
for (const [i, n] of names.entries()) fs.writeFileSync(path.join(dir, n + '.txt'), n.repeat(i * 1000 + 1));

setTimeout(() => console.log('timeout 600'), 600);
(async () => {
  const results = await Promise.all(names.map((n) => fsp.readFile(path.join(dir, n + '.txt'), 'utf8')));
  console.log('all resolved:', results.map((r) => `${r[0]}x${r.length}`).join(' '));
  process.nextTick(() => console.log('nextTick after all'));
  await null;
  console.log('after one more await');
  const settled = await Promise.allSettled([
    fsp.readFile(path.join(dir, 'a.txt'), 'utf8'),
    fsp.readFile(path.join(dir, 'missing.txt'), 'utf8'),
    fsp.stat(path.join(dir, 'b.txt')),
  ]);
  for (const s of settled) {
    console.log(s.status, s.status === 'fulfilled' ? (typeof s.value === 'string' ? s.value.length : s.value.size) : s.reason.code);
  }
  const first = await Promise.race([fsp.readFile(path.join(dir, 'missing.txt')).catch((e) => e.code), new Promise((r) => setTimeout(r, 300, 'timer 300'))]);
  console.log('race ENOENT vs 300 ms timer:', first);
})();
