// TypeScript: a Node child (process.execPath -e) reads JSON lines from its stdin and answers each
// with a computed JSON line; the parent writes requests one at a time, awaiting each answer
// (readline over child.stdout), then ends stdin; typed results; exit code from the child.
import { spawn } from 'node:child_process';
import readline from 'node:readline';

interface Req { id: number; nums: number[] }
interface Res { id: number; sum: number; max: number }

const childCode = `
const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', (l) => {
  const r = JSON.parse(l);
  process.stdout.write(JSON.stringify({ id: r.id, sum: r.nums.reduce((a, b) => a + b, 0), max: Math.max(...r.nums) }) + '\\n');
});
rl.on('close', () => { process.exitCode = 3; });
`;

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['-e', childCode], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const requests: Req[] = [
    { id: 1, nums: [1, 2, 3] },
    { id: 2, nums: [10, -5, 7] },
    { id: 3, nums: [42] },
  ];
  for (const req of requests) {
    child.stdin.write(JSON.stringify(req) + '\n');
    const next = await lines.next();
    const res = JSON.parse(next.value as string) as Res;
    console.log(`request ${req.id} -> sum ${res.sum}, max ${res.max}`);
  }
  child.stdin.end();
  console.log('child exit code:', await exited);
}
void main();
export {};
