#!/usr/bin/env node
'use strict';
// Checks the port of Node's lib/events.js (src/core/node/events.js) against Node's own `events`
// under plain Node (no simulator): every program in events-probes/ runs twice — with the real
// `events`, and with `require('events')` redirected to the port (events-port.preload.cjs) —
// and stdout, stderr and the exit code must be the same, stack-frame lines (`    at …`),
// source locations (`node:events:502` / `/…/events.js:1234`), paths and pids aside.
//
// Not part of the test suite: run it by hand with the Node 20 the port follows.
//   node test/unit/node-lib/events-port.check.cjs [--verbose] [probe-name-filter…]
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../../..');
const PORT = path.join(ROOT, 'src/core/node/events.js');
const PRELOAD = path.join(__dirname, 'events-port.preload.cjs');
const PROBES = path.join(__dirname, 'events-probes');
const TIMEOUT_MS = 15000;
const CONCURRENCY = 4;

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filters = args.filter((a) => !a.startsWith('--'));

function run(argv, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, { cwd, env: { ...process.env, NODE_OPTIONS: '', FORCE_COLOR: '0', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code: signal ? `signal ${signal}` : code });
    });
  });
}

function normalize(text) {
  return text
    .split(PORT).join('<events>')
    .split(PROBES).join('<probes>')
    .split(ROOT).join('<root>')
    .replace(/\(node:\d+\)/g, '(node:<pid>)')
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    // The line Node prints above the source line of an uncaught throw.
    .map((line) => line.replace(/^(?:node:[\w/]+|<events>|<probes>\/[^\s:]+|\[eval\]):\d+$/, '<location>'))
    .join('\n');
}

function firstDifference(a, b) {
  const la = a.split('\n');
  const lb = b.split('\n');
  for (let i = 0; i < Math.max(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) {
      const from = Math.max(0, i - 2);
      return `  line ${i + 1}\n` +
        `  node: ${la.slice(from, i + 3).map((l) => JSON.stringify(l)).join('\n        ')}\n` +
        `  port: ${lb.slice(from, i + 3).map((l) => JSON.stringify(l)).join('\n        ')}`;
    }
  }
  return '';
}

async function main() {
  // The redirection itself.
  const sanity = await run(['--require', PRELOAD, '-e',
    `const p = require(${JSON.stringify(PORT)}); process.stdout.write(String(require('events') === p && require('node:events') === p))`], ROOT);
  if (sanity.stdout !== 'true') {
    console.error(`the preload does not redirect require('events') to the port:\n${sanity.stdout}${sanity.stderr}`);
    process.exit(2);
  }

  const probes = fs.readdirSync(PROBES).filter((f) => /\.[cm]?js$/.test(f)).sort()
    .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
  let failed = 0;
  // A few probes at a time: some use short timers, and a loaded machine makes them late.
  const results = [];
  const queue = [...probes];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const [real, port] = await Promise.all([
        run([file], PROBES),
        run(['--require', PRELOAD, file], PROBES),
      ]);
      results.push({ file, real, port });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  results.sort((a, b) => (a.file < b.file ? -1 : 1));
  for (const { file, real, port } of results) {
    const problems = [];
    if (real.code !== port.code) problems.push(`exit code: node ${real.code}, port ${port.code}`);
    for (const stream of ['stdout', 'stderr']) {
      const a = normalize(real[stream]);
      const b = normalize(port[stream]);
      if (a !== b) problems.push(`${stream} differs:\n${firstDifference(a, b)}`);
    }
    if (problems.length === 0) {
      console.log(`ok    ${file}  (exit ${real.code}, ${real.stdout.split('\n').length - 1} stdout lines, ${real.stderr === '' ? 'no stderr' : `${real.stderr.split('\n').length - 1} stderr lines`})`);
      if (verbose) console.log(`${real.stdout}${real.stderr}`.replace(/^/gm, '      | '));
    } else {
      failed++;
      console.log(`FAIL  ${file}\n${problems.join('\n').replace(/^/gm, '      ')}`);
    }
  }
  console.log(`\n${results.length - failed}/${results.length} probes behave as Node ${process.version}'s events`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main();
