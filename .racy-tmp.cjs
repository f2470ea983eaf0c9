globalThis.describe=()=>{};
require('tsx/cjs');
const fc = require('fast-check');
const fs = require('fs'); const cp = require('child_process');
const { programArb, render } = require('/work/main/test/fidelity/property.test.ts');
const ps = fc.sample(programArb, { seed: 20261126, numRuns: 60 });
fs.mkdirSync('/tmp/racy', { recursive: true });
let i = 0, racy = 0;
for (const p of ps) {
  i++;
  const f = `/tmp/racy/p${i}.js`; fs.writeFileSync(f, render(p));
  const outs = new Set();
  const all = [];
  for (let k = 0; k < 3; k++) { const o = cp.spawnSync('node', ['--require', '/work/main/test/fidelity/node-warmup.cjs', f], { encoding: 'utf8' }); outs.add(o.stdout + '|' + o.status + '|' + o.stderr.split('\n')[0]); all.push(o.stdout); }
  if (outs.size > 1) { racy++; console.log('RACY', f); fs.writeFileSync(f + '.outs', all.join('\n=====\n')); }
}
console.log('racy', racy, 'of', ps.length);
