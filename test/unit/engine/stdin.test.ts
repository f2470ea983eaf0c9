/**
 * process.stdin in the simulation (src/core/node/stdin.ts): the CLI's own stdin, read for real
 * when the program reads it — a pipe's bytes in order, then 'end' — and, for a run without input
 * (the panel: RunOptions.stdin 'none'), end of input at once. Checked against real Node with the
 * same input (what is read; the order against timers depends on real pipe timing in Node).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runProgram } from '../../../src/core/engine/run';
import { realNode } from '../../nodes/real-node';
import { CLI, distReady, tempProgram } from './helpers';

const READER = [
  "const readline = require('node:readline');",
  "const rl = readline.createInterface({ input: process.stdin });",
  "const lines = [];",
  "rl.on('line', (line) => lines.push(line));",
  "rl.on('close', () => console.log('lines', JSON.stringify(lines), typeof process.stdin.isTTY, process.stdin.fd));",
].join('\n');

describe('process.stdin', () => {
  before(function () {
    if (!distReady()) this.skip();
  });

  it('reads the CLI\'s piped input line by line, as real Node does', () => {
    const dir = tempProgram({ 'main.js': READER });
    const input = 'first\nsecond line\n' + 'x'.repeat(100_000) + '\nlast';
    const sim = spawnSync(process.execPath, [CLI, 'run', path.join(dir, 'main.js'), '--node', '26'], { input, encoding: 'utf8' });
    const node = spawnSync(realNode(26), [path.join(dir, 'main.js')], { input, encoding: 'utf8' });
    assert.equal(node.status, 0, node.stderr);
    assert.equal(sim.stderr, '');
    assert.equal(sim.stdout, node.stdout);
    assert.match(sim.stdout, /^lines \["first","second line","x{100000}","last"\] undefined 0\n$/);
  });

  it('a run without input (the panel) reads end of input at once, and the loop does not wait', async () => {
    const dir = tempProgram({ 'main.js': "process.stdin.on('data', () => console.log('data'));\nprocess.stdin.on('end', () => console.log('end'));\nsetTimeout(() => console.log('timer'), 5);\n" });
    let stdout = '';
    const r = await runProgram({ file: path.join(dir, 'main.js'), cwd: dir, onOutput: (s, t) => { if (s === 'stdout') stdout += t; } });
    assert.equal(r.exitCode, 0);
    assert.equal(stdout, 'end\ntimer\n');
  });
});
