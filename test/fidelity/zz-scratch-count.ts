import fc from 'fast-check';
import { programArb, render } from './property.test';
import { makePool, runCommand, nodeCommand, simCommand, tempDir, cleanupTemp, REPO_ROOT } from './harness';
import fs from 'node:fs';
import path from 'node:path';
(async () => {
  const progs = fc.sample(programArb, { seed: 20261126, numRuns: 60 });
  const pool = makePool(2);
  let racy = 0, bad = 0, ok = 0;
  const fails: string[] = [];
  await Promise.all(progs.map((p, i) => pool(async () => {
    const src = render(p);
    const f = path.join(tempDir(), `c${i}.js`);
    fs.writeFileSync(f, src);
    const a = await runCommand([...nodeCommand(), f], path.dirname(f));
    const b = await runCommand([...nodeCommand(), f], path.dirname(f));
    if (a.stdout !== b.stdout) { racy++; return; }
    const s = await runCommand([...simCommand(), f], REPO_ROOT);
    if (s.stdout === a.stdout && s.code === a.code) { ok++; return; }
    bad++;
    fs.copyFileSync(f, `/tmp/propfail-${i}.js`);
    const al = a.stdout.split('\n'), sl = s.stdout.split('\n');
    let k = 0; while (al[k] === sl[k]) k++;
    fails.push(`#${i}: line ${k + 1}: node ${JSON.stringify(al[k])} vs sim ${JSON.stringify(sl[k])} (exit ${a.code}/${s.code})`);
  })));
  console.log({ ok, bad, racy });
  console.log(fails.join('\n'));
  cleanupTemp();
})();
