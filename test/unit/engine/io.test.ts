/**
 * Real I/O in virtual time, through the engine as a user's program runs (docs/io-model.md):
 * time does not run free while real work is pending, libuv's threadpool takes rounds, errors
 * are Node's, and nothing is left behind (a child that never exits is killed and named).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { RunOptions, RunResult } from '../../../src/core/engine/api';
import { runProgram } from '../../../src/core/engine/run';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import { distReady, tempProgram } from './helpers';

interface Ran extends RunResult {
  stdout: string;
  stderr: string;
}

async function run(files: Record<string, string>, extra: Partial<RunOptions> = {}): Promise<Ran> {
  const cwd = tempProgram(files);
  let stdout = '';
  let stderr = '';
  try {
    const r = await runProgram({ file: path.join(cwd, Object.keys(files)[0]), cwd, onOutput: (s, t) => (s === 'stdout' ? (stdout += t) : (stderr += t)), ...extra });
    return { ...r, stdout, stderr };
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

/** Virtual times of the events of `kind` (in trace order). */
function timesOf(trace: TraceFile, kind: EventKind): number[] {
  const { kind: k, t } = trace.events;
  const out: number[] = [];
  for (let i = 0; i < k.length; i++) if (k[i] === kind) out.push(t[i]);
  return out;
}

/** The pool's completion rounds: IoDone times grouped where they are less than 10 ms apart (each round's first time). */
function rounds(trace: TraceFile): number[] {
  const out: number[] = [];
  let last = -Infinity;
  for (const t of timesOf(trace, EventKind.IoDone).sort((x, y) => x - y)) {
    if (t - last > 10) out.push(Math.round(t));
    last = t;
  }
  return out;
}

const HASH8 = (prelude: string) => `
${prelude}
const crypto = require('crypto');
let left = 8;
for (let i = 0; i < 8; i++) crypto.pbkdf2('pw' + i, 'salt', 100000, 64, 'sha512', () => { if (--left === 0) console.log('done'); });
`;

describe('engine: real I/O in virtual time', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  it('an interval keeps ticking while a ~107 ms pbkdf2 runs on the pool: about 21 ticks, not thousands', async () => {
    const r = await run({
      'p.js': `
const crypto = require('crypto');
let ticks = 0;
const iv = setInterval(() => ticks++, 5);
crypto.pbkdf2('pw', 'salt', 200000, 64, 'sha512', () => { clearInterval(iv); console.log('ticks', ticks); });
`,
    });
    const ticks = Number(/ticks (\d+)/.exec(r.stdout)?.[1]);
    assert.ok(ticks >= 18 && ticks <= 24, `ticks ${ticks}`);
    assert.equal(r.exitCode, 0);
  });

  it('8 × pbkdf2: two rounds on 4 pool threads; one with UV_THREADPOOL_SIZE=8 on 8 cores; still two on 4 cores', async () => {
    const four = await run({ 'p.js': HASH8('') });
    assert.equal(four.stdout, 'done\n');
    assert.equal(rounds(four.trace).length, 2, `rounds ${rounds(four.trace)}`);
    assert.equal(timesOf(four.trace, EventKind.IoPoolStart).length, 8);

    const eight = await run({ 'p.js': HASH8("process.env.UV_THREADPOOL_SIZE = '8'; require('async-timeline/sim').configure({ cores: 8 });") });
    assert.equal(rounds(eight.trace).length, 1, `rounds ${rounds(eight.trace)}`);

    const eightOnFour = await run({ 'p.js': HASH8("process.env.UV_THREADPOOL_SIZE = '8';") });
    assert.equal(rounds(eightOnFour.trace).length, 2, `rounds ${rounds(eightOnFour.trace)}`);
  });

  it('a missing file gives Node\'s ENOENT (code, errno, syscall, path, message), an error of the program\'s realm', async () => {
    const r = await run({
      'p.js': `
const fs = require('fs');
fs.readFile('/no/such/file.txt', (err) => console.log(err instanceof Error, err.code, err.errno, err.syscall, err.path, err.message));
`,
    });
    assert.equal(r.stdout, "true ENOENT -2 open /no/such/file.txt ENOENT: no such file or directory, open '/no/such/file.txt'\n");
  });

  it('a command that does not exist: the spawn \'error\' event as Node emits it, then \'close\' -2', async () => {
    const r = await run({
      'p.js': `
const { spawn } = require('child_process');
const c = spawn('no-such-command-at', ['x']);
c.on('error', (e) => console.log('error', e.code, e.errno, e.syscall, e.path, e.message));
c.on('close', (code) => console.log('close', code));
`,
    });
    assert.equal(r.stdout, 'error ENOENT -2 spawn no-such-command-at no-such-command-at spawn no-such-command-at ENOENT\nclose -2\n');
  });

  it('a child that never exits is killed when the run stops, and the trace and the reason say so', async () => {
    const r = await run({
      'p.js': `
const { spawn } = require('child_process');
const c = spawn('sleep', ['30']);
console.log('pid ' + c.pid);
`,
    }, { budgets: { virtualTimeMs: 300 } });
    const pid = Number(/pid (\d+)/.exec(r.stdout)?.[1]);
    assert.ok(pid > 0);
    assert.match(r.trace.meta.truncated?.reason ?? '', /virtual time 300 ms — I\/O still pending: I\/O #1: child \d+: sleep 30/);
    const warnings = r.trace.events.kind.map((k, i) => (k === EventKind.Warning ? r.trace.strings[r.trace.events.b[i]] : '')).filter(Boolean);
    assert.ok(warnings.some((w) => /child \d+: sleep 30 was still running when the run ended: it was killed/.test(w)), warnings.join('\n'));
    // Killed: gone, or a zombie until its parent (this process, the worker's host) reaps it.
    const dead = () => {
      try {
        return /^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return true;
      }
    };
    for (let i = 0; i < 40 && !dead(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(dead(), true, 'the child process is gone');
  });

  it('a child\'s output lands among the program\'s timers where Node puts it (real time while it runs)', async () => {
    const r = await run({
      'p.js': `
const { exec } = require('child_process');
setTimeout(() => console.log('timer 40'), 40);
exec('sleep 0.3; echo child', (e, out) => console.log(out.trim()));
setTimeout(() => console.log('timer 1500'), 1500);
`,
    });
    assert.equal(r.stdout, 'timer 40\nchild\ntimer 1500\n');
  });

  it('a read larger than the memory budget stops the run with a clear message', async () => {
    const r = await run({
      'p.js': `
const fs = require('fs');
const f = require('path').join(__dirname, 'big.bin');
fs.closeSync(fs.openSync(f, 'w'));
fs.truncateSync(f, 300 * 1024 * 1024);
fs.readFile(f, () => console.log('read'));
`,
    }, { budgets: { memoryMb: 200 } });
    assert.equal(r.stdout, '');
    assert.match(r.trace.meta.truncated?.reason ?? '', /budget: memory — readFile big\.bin \(300 MiB\) would not fit in the run's memory budget of 200 MiB/);
  });

  it('nothing Node ships is "external": fs/promises, stream/promises, events.once, crypto.subtle are the simulation\'s', async () => {
    const r = await run({
      'p.mjs': `
import fsp from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import { once, EventEmitter } from 'node:events';
await fsp.readFile(new URL(import.meta.url));
await pipeline(Readable.from(['a']), new Writable({ write(c, e, cb) { cb(); } }));
const e = new EventEmitter();
setTimeout(() => e.emit('go'), 5);
await once(e, 'go');
await crypto.subtle.digest('SHA-256', new Uint8Array([1]));
console.log('ok');
`,
    });
    assert.equal(r.stdout, 'ok\n');
    assert.equal(r.trace.events.kind.filter((k) => k === EventKind.External).length, 0, 'no external promise');
  });

  it('the same program and files give the same trace (the latency model, not the real clock)', async () => {
    const files = { 'p.js': "const fs = require('fs'); fs.readFile(__filename, () => fs.stat(__filename, () => console.log('ok')));" };
    const a = await run(files);
    const b = await run(files);
    assert.deepEqual(a.trace.events.t, b.trace.events.t);
    assert.deepEqual(a.trace.events.kind, b.trace.events.kind);
  });
});
