// I/O scenario, end to end as a user runs it: the same program under real `node` and under the
// simulator's CLI (`node dist/cli.js run`, instrumenting, bundling, tracing), wall time side by
// side in this run. The program makes 1,000 concurrent small file reads (fs/promises), then 10
// child processes (`exec('echo …')`), then hashes 8 passwords on the threadpool.
// `node bench/io.mjs` (npm run build first). Prints wall times, the ratio, and what the
// simulator's --summary says.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-io-'));
const program = path.join(dir, 'io-scenario.js');
fs.writeFileSync(program, `
const fs = require('fs');
const fsp = require('fs/promises');
const path = require('path');
const util = require('util');
const { exec } = require('child_process');
const crypto = require('crypto');
const dir = path.join(__dirname, 'files');
fs.mkdirSync(dir, { recursive: true });
for (let i = 0; i < 1000; i++) fs.writeFileSync(path.join(dir, 'f' + i + '.txt'), 'line ' + i + '\\n'.repeat(1 + (i % 50)));
async function main() {
  const texts = await Promise.all(Array.from({ length: 1000 }, (_, i) => fsp.readFile(path.join(dir, 'f' + i + '.txt'), 'utf8')));
  console.log('read', texts.length, 'files,', texts.reduce((n, t) => n + t.length, 0), 'chars');
  const outs = await Promise.all(Array.from({ length: 10 }, (_, i) => util.promisify(exec)('echo child ' + i)));
  console.log('children', outs.map((o) => o.stdout.trim()).join(', '));
  const keys = await Promise.all(Array.from({ length: 8 }, (_, i) => util.promisify(crypto.pbkdf2)('pw' + i, 'salt', 20000, 32, 'sha256')));
  console.log('hashed', keys.length, 'passwords');
}
main();
`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(cmd, args) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout, stderr: r.stderr };
}
const runs = 3;
const native = [];
const simulated = [];
let summary = '';
let same = true;
for (let i = 0; i < runs; i++) {
  const n = time(process.execPath, [program]);
  const s = time(process.execPath, [path.join(root, 'dist/cli.js'), 'run', '--summary', program]);
  native.push(n.ms);
  simulated.push(s.ms);
  summary = s.stderr.trim().split('\n').pop();
  if (n.stdout !== s.stdout) same = false;
}
fs.rmSync(dir, { recursive: true, force: true });
console.log(`node ${process.version}, load ${os.loadavg()[0].toFixed(2)}, median of ${runs} runs`);
console.log(`1,000 file reads + 10 child processes + 8 pbkdf2, end to end:`);
console.log(`  real node:  ${median(native).toFixed(0)} ms wall`);
console.log(`  simulator:  ${median(simulated).toFixed(0)} ms wall  (${(median(simulated) / median(native)).toFixed(1)}× node; instrument + bundle + run + trace)`);
console.log(`  same output as node: ${same ? 'yes' : 'NO'}`);
console.log(`  simulator summary: ${summary}`);
if (!same) process.exitCode = 1;
