// Runs a command and measures it as a user experiences it: wall time, and the peak RSS of its
// whole process tree (the process, its threads, and children such as esbuild's service), summed
// by sampling /proc every 5 ms (Linux; elsewhere the RSS is NaN).
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const rssKb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

const childrenOf = (pid) => {
  const out = [];
  let threads = [];
  try {
    threads = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const t of threads) {
    try {
      out.push(...fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
};

/**
 * Runs `command argv` in `cwd`; resolves { s: wall seconds, mb: peak RSS of the tree, code,
 * stdout, stderr } (stdout/stderr captured only with `capture`, else ignored).
 */
export async function timedRun(command, argv, { cwd, capture = false } = {}) {
  const t0 = performance.now();
  const child = spawn(command, argv, { cwd, stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'ignore' });
  let stdout = '';
  let stderr = '';
  if (capture) {
    child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
  }
  let peakKb = 0;
  const sample = () => {
    let sum = 0;
    for (const stack = [child.pid]; stack.length; ) {
      const pid = stack.pop();
      sum += rssKb(pid);
      stack.push(...childrenOf(pid));
    }
    peakKb = Math.max(peakKb, sum);
  };
  const timer = setInterval(sample, 5);
  const code = await new Promise((resolve) => child.on('close', resolve));
  const s = (performance.now() - t0) / 1000;
  clearInterval(timer);
  return { s, mb: fs.existsSync('/proc/self/status') ? peakKb / 1024 : NaN, code, stdout, stderr };
}
