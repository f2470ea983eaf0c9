/**
 * Property-based differential test: fast-check generates small async programs from a grammar
 * (async functions awaiting values / promises / thenables / timers / caught rejections,
 * setTimeout 0–20 ms, setImmediate, process.nextTick, queueMicrotask, .then chains,
 * Promise.all/race/allSettled/any over generated tasks; async generators with yield, yield* over
 * arrays / sync generators / async generators, try/finally, consumed by for await (to the end or
 * left by break) or by hand with next/return/throw queued; awaits as array elements, arguments,
 * conditional branches and in templates; async methods of literals and classes), each printing labels; every program
 * is run under real node and under the simulator and the outputs must be identical.
 *
 * Node lines: each generated program is paired with one supported line, drawn with it (so a run
 * of 60 checks every line, about 15 programs each, for the price of one line), and runs under
 * that line's real Node and the simulator with the same `--node`. The grammar's semantics (promise
 * jobs, ticks, timers, immediates) are the same in every line, so one line per program is enough
 * to find a line-specific slip; a failure names its line, and shrinking tries older lines first.
 * FIDELITY_NODES restricts the lines.
 *
 * Speed: the programs of the run are sampled up front (fc.sample with the same seed yields the
 * same values fc.assert will check), written to temp files and run in a pool of 2; fc.assert
 * then checks them from that cache, and only shrink candidates run live. Shrinking is on: a
 * failure reports the minimal program and its diff.
 *
 * Determinism of real node: the body runs inside a setTimeout callback (so setImmediate vs
 * setTimeout(0) is never a top-level race) and `spaceDelays` picks the delays so that no two
 * timers' due times are within FIDELITY_GAP_MS (20 ms) of each other (see there). Under heavy machine
 * load a timer can still fire late enough to reorder macrotasks of different chains, so node
 * runs twice: if the two runs differ the program is racy and skipped (counted); if the
 * simulator differs from node, node is asked up to 4 more times and a match with any of them counts
 * as racy, not as a failure.
 *
 * Env: FIDELITY_RUNS (default 60), FIDELITY_SEED (default 20261126), SIM_CMD (see harness.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import fc from 'fast-check';
import {
  cleanupTemp,
  makePool,
  normalizeStderr,
  processTimeoutMs,
  runCommand,
  nodeCommand,
  simCommand,
  simulatorProblem,
  tempDir,
  unifiedDiff,
  REPO_ROOT,
  isSelfTest,
  fidelityMajors,
  type RunOutput,
} from './harness';
import type { NodeMajor } from '../nodes/real-node';

const RUNS = Number(process.env.FIDELITY_RUNS) || 60;
const SEED = Number(process.env.FIDELITY_SEED) || 20261126;
/** Extra node runs before a mismatch is reported (a match with any of them = racy, not a bug). */
const NODE_RETRIES = process.env.FIDELITY_NODE_RETRIES === undefined ? 4 : Number(process.env.FIDELITY_NODE_RETRIES);

// ---------------------------------------------------------------------------------------------
// Grammar.

/**
 * A timer delay. The grammar draws 0, 10 or 20 as a *preference*; `spaceDelays` then fixes the
 * real delays (multiples of 10, never 0) so that no two timers race in real node (see there).
 */
type Delay = number;
type AwaitKind = 'value' | 'promise' | 'thenable' | 'sleep' | 'caught-rejection' | 'async-call' | 'positions' | 'method';
/** What an async generator body is made of (microtasks only: no timer races). */
type GenItem =
  | { k: 'yield' }
  | { k: 'yield-promise' }
  | { k: 'await' }
  | { k: 'yield*-array' }
  | { k: 'yield*-sync' }
  | { k: 'yield*-async'; items: GenItem[] }
  | { k: 'try-finally'; items: GenItem[] };
/** How the generator is consumed: a full for await, a for await left by break, or by hand (next/return/throw queued). */
type Consume = 'for-await' | 'for-await-break' | 'return-queued' | 'throw-queued' | 'return-first';
type Task =
  | { k: 'value' }
  | { k: 'resolved' }
  | { k: 'rejected' }
  | { k: 'thenable' }
  | { k: 'sleep'; d: Delay }
  | { k: 'sleep-reject'; d: Delay }
  | { k: 'async'; steps: Step[] };
type Step = { k: 'await'; what: AwaitKind; d: Delay } | Stmt;
type Stmt =
  | { k: 'log' }
  | { k: 'nextTick'; body: Stmt[] }
  | { k: 'microtask'; body: Stmt[] }
  | { k: 'then'; links: number; body: Stmt[] }
  | { k: 'timeout'; d: Delay; body: Stmt[] }
  | { k: 'immediate'; body: Stmt[] }
  | { k: 'async'; steps: Step[] }
  | { k: 'combinator'; op: 'all' | 'race' | 'allSettled' | 'any'; tasks: Task[] }
  | { k: 'agen'; items: GenItem[]; consume: Consume };

interface Ctx {
  /** remaining nesting depth for bodies */
  depth: number;
  /** timer hops left along this chain (timeouts and sleeps) */
  timers: number;
  /** inside an immediate callback: no further immediates or timers (real-node races) */
  inImmediate: boolean;
}

const delayArb: fc.Arbitrary<Delay> = fc.constantFrom<Delay>(0, 10, 20);
const cache = new Map<string, fc.Arbitrary<unknown>>();
const memo = <T>(key: string, make: () => fc.Arbitrary<T>): fc.Arbitrary<T> => {
  let a = cache.get(key);
  if (!a) cache.set(key, (a = make()));
  return a as fc.Arbitrary<T>;
};
const key = (c: Ctx) => `${c.depth}/${c.timers}/${c.inImmediate}`;

function stmts(c: Ctx, max = 4): fc.Arbitrary<Stmt[]> {
  return memo(`stmts:${key(c)}:${max}`, () => fc.array(stmt(c), { minLength: 1, maxLength: max }));
}

function stmt(c: Ctx): fc.Arbitrary<Stmt> {
  return memo(`stmt:${key(c)}`, () => {
    const leaf: fc.Arbitrary<Stmt> = fc.constant<Stmt>({ k: 'log' });
    if (c.depth <= 0) return leaf;
    const inner: Ctx = { ...c, depth: c.depth - 1 };
    const options: fc.Arbitrary<Stmt>[] = [
      leaf,
      stmts(inner, 3).map((body): Stmt => ({ k: 'nextTick', body })),
      stmts(inner, 3).map((body): Stmt => ({ k: 'microtask', body })),
      fc.record({ links: fc.integer({ min: 0, max: 3 }), body: stmts(inner, 3) }).map((r): Stmt => ({ k: 'then', ...r })),
      steps(inner).map((s): Stmt => ({ k: 'async', steps: s })),
      fc
        .record({ op: fc.constantFrom('all' as const, 'race' as const, 'allSettled' as const, 'any' as const), tasks: fc.array(task(inner), { maxLength: 4 }) })
        .map((r): Stmt => ({ k: 'combinator', ...r })),
      agen(),
    ];
    if (!c.inImmediate && c.timers > 0) {
      options.push(fc.record({ d: delayArb, body: stmts({ ...inner, timers: c.timers - 1 }, 3) }).map((r): Stmt => ({ k: 'timeout', ...r })));
      options.push(stmts({ ...inner, inImmediate: true }, 3).map((body): Stmt => ({ k: 'immediate', body })));
    }
    return fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...options);
  });
}

function genItems(depth: number): fc.Arbitrary<GenItem[]> {
  return memo(`gen:${depth}`, () => {
    const leaves: fc.Arbitrary<GenItem>[] = [
      fc.constant<GenItem>({ k: 'yield' }),
      fc.constant<GenItem>({ k: 'yield-promise' }),
      fc.constant<GenItem>({ k: 'await' }),
      fc.constant<GenItem>({ k: 'yield*-array' }),
      fc.constant<GenItem>({ k: 'yield*-sync' }),
    ];
    const options = depth <= 0 ? leaves : [
      ...leaves,
      genItems(depth - 1).map((items): GenItem => ({ k: 'yield*-async', items })),
      genItems(depth - 1).map((items): GenItem => ({ k: 'try-finally', items })),
    ];
    return fc.array(fc.oneof({ depthSize: 'small' }, ...options), { minLength: 1, maxLength: 3 });
  });
}

function agen(): fc.Arbitrary<Stmt> {
  return fc
    .record({ items: genItems(2), consume: fc.constantFrom<Consume>('for-await', 'for-await-break', 'return-queued', 'throw-queued', 'return-first') })
    .map((r): Stmt => ({ k: 'agen', ...r }));
}

function steps(c: Ctx): fc.Arbitrary<Step[]> {
  return memo(`steps:${key(c)}`, () => {
    const canSleep = !c.inImmediate && c.timers > 0;
    const kinds: AwaitKind[] = ['value', 'promise', 'thenable', 'caught-rejection', 'async-call', 'positions', 'method'];
    if (canSleep) kinds.push('sleep');
    const awaitStep = fc.record({ k: fc.constant('await' as const), what: fc.constantFrom(...kinds), d: delayArb });
    // After a sleep the continuation runs in a timer callback: one timer hop is used up, and
    // statements after it must use the reduced budget. Keeping one budget per async body (the
    // budget after at most one sleep) keeps the grammar simple.
    const after: Ctx = { ...c, timers: Math.max(0, c.timers - 1) };
    const step: fc.Arbitrary<Step> = fc.oneof(
      { depthSize: 'small' },
      awaitStep,
      awaitStep,
      stmt(after),
    );
    return fc.array(step, { minLength: 1, maxLength: 4 }).map((list) => {
      // at most one sleep per async body
      let slept = false;
      return list.map((s): Step => {
        if (s.k === 'await' && s.what === 'sleep') {
          if (slept) return { ...s, what: 'value' };
          slept = true;
        }
        return s;
      });
    });
  });
}

function task(c: Ctx): fc.Arbitrary<Task> {
  return memo(`task:${key(c)}`, () => {
    const opts: fc.Arbitrary<Task>[] = [
      fc.constant<Task>({ k: 'value' }),
      fc.constant<Task>({ k: 'resolved' }),
      fc.constant<Task>({ k: 'rejected' }),
      fc.constant<Task>({ k: 'thenable' }),
      steps(c).map((s): Task => ({ k: 'async', steps: s })),
    ];
    if (!c.inImmediate && c.timers > 0) {
      opts.push(delayArb.map((d): Task => ({ k: 'sleep', d })));
      opts.push(delayArb.map((d): Task => ({ k: 'sleep-reject', d })));
    }
    return fc.oneof({ depthSize: 'small' }, ...opts);
  });
}

/**
 * The rule that keeps generated programs free of ties that are racy in real node.
 *
 * What real Node 20 guarantees regardless of how long callbacks take in real time:
 *  - the order of nextTicks, microtasks and promise jobs within one macrotask;
 *  - timers of the same list (same delay, created in the same macrotask): creation order;
 *  - immediates created by one macrotask run in the next check phase, in creation order.
 * What it does not guarantee: the order of two timers whose due times are close (each timer's
 * start is the real clock when it was created, and callbacks take real milliseconds, several
 * under load), and of a short timer against an immediate created in a timer callback: when that
 * callback plus its microtasks took >= 1 ms and something refreshed libuv's clock (creating any
 * timer does), a `setTimeout(0)` fires before the immediate (observed: 2 of 6 runs).
 *
 * So every timer's virtual due time is computed (the outer callback runs at 1 ms; a timer made
 * at time t with delay d is due at t + d; the continuation after `await sleep(d)` runs at t + d)
 * and delays are chosen, in program order, as the smallest multiple of GAP (>= GAP, >= the drawn
 * preference) whose due time is at least GAP away from every other timer's. No delay is 0, so
 * an immediate always has a GAP lead over any timer created in the same macrotask.
 *
 * Not even two timers of one list (same delay, same macrotask) may share a due time: Node runs
 * them in creation order, but in one pass only if the millisecond clock did not tick between
 * their creations (each timer's start is the real clock; console writes in between take real
 * time). If it ticked, the second waits for the next loop iteration and immediates created by the
 * first run in between; the simulator always runs them in one pass (seen: L1, L2(imm), L5 in
 * node vs L1, L5, L2 in the simulator).
 */
/**
 * Minimum distance between any two due times (and minimum delay). 10 ms is enough on an idle
 * machine; with the load average at 3-4x the core count, a timer callback plus its microtasks
 * was seen taking >= 10 ms of real time (a 10 ms timer created in it fired before an immediate
 * created in it, and two-hop chains drifted 10 ms against one-hop chains), so 20.
 */
const GAP = Number(process.env.FIDELITY_GAP_MS) || 20;

export function spaceDelays(program: Stmt[]): Stmt[] {
  const dues: number[] = [1]; // the outer callback
  const pick = (t: number, pref: number): number => {
    for (let d = Math.max(GAP, Math.ceil(pref / GAP) * GAP); ; d += GAP) {
      if (dues.every((due) => Math.abs(due - (t + d)) >= GAP)) {
        dues.push(t + d);
        return d;
      }
    }
  };
  const stmtList = (list: Stmt[], t: number): Stmt[] => list.map((s) => stmt1(s, t));
  const stmt1 = (s: Stmt, t: number): Stmt => {
    switch (s.k) {
      case 'log':
        return s;
      case 'nextTick':
      case 'microtask':
      case 'then':
      case 'immediate':
        return { ...s, body: stmtList(s.body, t) };
      case 'timeout': {
        const d = pick(t, s.d);
        return { ...s, d, body: stmtList(s.body, t + d) };
      }
      case 'async':
        return { ...s, steps: stepList(s.steps, t) };
      case 'combinator':
        return { ...s, tasks: s.tasks.map((x) => task1(x, t)) };
      case 'agen':
        return s;
    }
  };
  const stepList = (list: Step[], t: number): Step[] =>
    list.map((s): Step => {
      if (s.k !== 'await') return stmt1(s, t);
      if (s.what !== 'sleep') return s;
      const d = pick(t, s.d);
      t += d;
      return { ...s, d };
    });
  const task1 = (x: Task, t: number): Task => {
    switch (x.k) {
      case 'sleep':
      case 'sleep-reject':
        return { ...x, d: pick(t, x.d) };
      case 'async':
        return { ...x, steps: stepList(x.steps, t) };
      default:
        return x;
    }
  };
  return stmtList(program, 1);
}

/** The grammar before `spaceDelays` (racy delays included): for diagnosing, not for the test. */
export const rawProgramArb: fc.Arbitrary<Stmt[]> = stmts({ depth: 3, timers: 2, inImmediate: false }, 6);
export const programArb: fc.Arbitrary<Stmt[]> = rawProgramArb.map(spaceDelays);

/** A program and the Node line it is checked against (see the file comment). */
const caseArb = fc.record({ program: programArb, node: fc.constantFrom(...fidelityMajors()) });

// ---------------------------------------------------------------------------------------------
// Rendering.

const PRELUDE = `'use strict';
const log = (s) => console.log(s);
const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));
const sleepReject = (ms, v) => new Promise((_, j) => setTimeout(() => j(v), ms));
const thenable = (v) => ({ then(r) { r(v); } });
const show = (e) => (e instanceof AggregateError ? 'AggregateError[' + e.errors.join(',') + ']' : String(e));
`;

export function render(program: Stmt[]): string {
  let n = 0;
  const label = () => `L${++n}`;
  const ind = (d: number) => '  '.repeat(d);
  const body = (list: Stmt[], d: number): string => list.map((s) => renderStmt(s, d)).join('');
  const renderTask = (t: Task, d: number): string => {
    switch (t.k) {
      case 'value':
        return `'${label()}'`;
      case 'resolved':
        return `Promise.resolve('${label()}')`;
      case 'rejected':
        return `Promise.reject('${label()}')`;
      case 'thenable':
        return `thenable('${label()}')`;
      case 'sleep':
        return `sleep(${t.d}, '${label()}')`;
      case 'sleep-reject':
        return `sleepReject(${t.d}, '${label()}')`;
      case 'async': {
        const l = label();
        return `(async () => {\n${renderSteps(t.steps, d + 1)}${ind(d + 1)}return '${l}';\n${ind(d)}})()`;
      }
    }
  };
  const renderSteps = (list: Step[], d: number): string =>
    list
      .map((s) => {
        if (s.k !== 'await') return renderStmt(s, d);
        const l = label();
        switch (s.what) {
          case 'value':
            return `${ind(d)}log('${l} ' + (await '${l}v'));\n`;
          case 'promise':
            return `${ind(d)}log('${l} ' + (await Promise.resolve('${l}p')));\n`;
          case 'thenable':
            return `${ind(d)}log('${l} ' + (await thenable('${l}t')));\n`;
          case 'sleep':
            return `${ind(d)}log('${l} ' + (await sleep(${s.d}, '${l}s')));\n`;
          case 'caught-rejection':
            return `${ind(d)}try { await Promise.reject('${l}r'); } catch (e) { log('${l} caught ' + e); }\n`;
          case 'async-call':
            return `${ind(d)}log('${l} ' + (await (async () => { await null; return '${l}a'; })()));\n`;
          case 'positions':
            // await as an array element, a call argument, a conditional's branch, in a template.
            return `${ind(d)}log('${l} ' + [await '${l}a', String(await Promise.resolve('${l}b'))].join() + (await '${l}c' ? await thenable('${l}d') : 0) + \`\${await '${l}e'}\`);\n`;
          case 'method':
            // async methods of an object literal and a class, an async arrow with `this` of its method.
            return `${ind(d)}log('${l} ' + (await ({ async m() { await null; return '${l}o'; } }).m()) + (await new (class { async m() { return (async () => this.k)(); } k = '${l}k'; })().m()));\n`;
        }
      })
      .join('');
  const renderStmt = (s: Stmt, d: number): string => {
    const i = ind(d);
    switch (s.k) {
      case 'log':
        return `${i}log('${label()}');\n`;
      case 'nextTick':
        return `${i}process.nextTick(() => {\n${body(s.body, d + 1)}${i}});\n`;
      case 'microtask':
        return `${i}queueMicrotask(() => {\n${body(s.body, d + 1)}${i}});\n`;
      case 'then': {
        let chain = `${i}Promise.resolve()`;
        for (let k = 0; k < s.links; k++) chain += `.then(() => log('${label()}'))`;
        return `${chain}.then(() => {\n${body(s.body, d + 1)}${i}});\n`;
      }
      case 'timeout':
        return `${i}setTimeout(() => {\n${body(s.body, d + 1)}${i}}, ${s.d});\n`;
      case 'immediate':
        return `${i}setImmediate(() => {\n${body(s.body, d + 1)}${i}});\n`;
      case 'async':
        return `${i}(async () => {\n${renderSteps(s.steps, d + 1)}${i}})();\n`;
      case 'combinator': {
        const l = label();
        const tasks = s.tasks.map((t) => renderTask(t, d + 1)).join(', ');
        return `${i}Promise.${s.op}([${tasks}]).then((v) => log('${l} ${s.op} ' + JSON.stringify(v)), (e) => log('${l} ${s.op} rejected ' + show(e)));\n`;
      }
      case 'agen':
        return renderAgen(s.items, s.consume, d);
    }
  };
  const genBody = (items: GenItem[], d: number): string =>
    items
      .map((g) => {
        const i = ind(d);
        const l = label();
        switch (g.k) {
          case 'yield':
            return `${i}log('${l} resumed with ' + (yield '${l}y'));\n`;
          case 'yield-promise':
            return `${i}yield Promise.resolve('${l}p');\n`;
          case 'await':
            return `${i}log('${l} ' + (await Promise.resolve('${l}w')));\n`;
          case 'yield*-array':
            return `${i}log('${l} array gave ' + (yield* ['${l}a1', '${l}a2']));\n`;
          case 'yield*-sync':
            return `${i}log('${l} sync gave ' + (yield* (function* () { try { yield '${l}s1'; yield '${l}s2'; return '${l}sr'; } finally { log('${l} sync finally'); } })()));\n`;
          case 'yield*-async':
            return `${i}log('${l} async gave ' + (yield* (async function* () {\n${genBody(g.items, d + 1)}${i}  return '${l}ar';\n${i}})()));\n`;
          case 'try-finally':
            return `${i}try {\n${genBody(g.items, d + 1)}${i}} finally {\n${i}  log('${l} finally');\n${i}}\n`;
        }
      })
      .join('');
  const renderAgen = (items: GenItem[], consume: Consume, d: number): string => {
    const i = ind(d);
    const l = label();
    const gen = `${i}  async function* g() {\n${genBody(items, d + 2)}${i}    return '${l}ret';\n${i}  }\n`;
    const show = `(r) => log('${l} ' + JSON.stringify(r)), (e) => log('${l} rejected ' + e)`;
    let use: string;
    switch (consume) {
      case 'for-await':
      case 'for-await-break':
        use = `${i}  for await (const v of g()) {\n${i}    log('${l} got ' + v);\n${consume === 'for-await-break' ? `${i}    break;\n` : ''}${i}  }\n`;
        break;
      case 'return-queued':
        use = `${i}  const it = g();\n${i}  await it.next('${l}n0').then(${show});\n${i}  it.next('${l}n1').then(${show});\n${i}  it.return('${l}R').then(${show});\n${i}  await it.next('${l}n2').then(${show});\n`;
        break;
      case 'throw-queued':
        use = `${i}  const it = g();\n${i}  it.next('${l}n0').then(${show});\n${i}  it.next('${l}n1').then(${show});\n${i}  it.throw('${l}T').then(${show});\n${i}  await it.next('${l}n2').then(${show});\n`;
        break;
      case 'return-first':
        use = `${i}  const it = g();\n${i}  it.return(Promise.resolve('${l}R0')).then(${show});\n${i}  await it.next().then(${show});\n`;
        break;
    }
    return `${i}(async () => {\n${gen}${use}${i}  log('${l} end');\n${i}})();\n`;
  };
  return `${PRELUDE}setTimeout(() => {\n${body(program, 1)}}, 0);\n`;
}

// ---------------------------------------------------------------------------------------------
// Running.

interface Outcome {
  node: RunOutput[];
  sim: RunOutput;
}

const fingerprint = (r: RunOutput, file: string) => `${r.code}\u0000${r.stdout}\u0000${normalizeStderr(r.stderr, [file])}`;

function fileFor(source: string): string {
  const hash = crypto.createHash('sha1').update(source).digest('hex').slice(0, 12);
  const file = path.join(tempDir(), `prop-${hash}.js`);
  if (!fs.existsSync(file)) fs.writeFileSync(file, source);
  return file;
}

async function runProgram(source: string, major: NodeMajor): Promise<Outcome> {
  const file = fileFor(source);
  const node1 = await runCommand([...nodeCommand(major), file], path.dirname(file));
  const node2 = await runCommand([...nodeCommand(major), file], path.dirname(file));
  const sim = await runCommand([...simCommand(major), file], isSelfTest() ? path.dirname(file) : REPO_ROOT);
  return { node: [node1, node2], sim };
}

const stats = { checked: 0, racy: 0, live: 0 };

async function verdict(source: string, major: NodeMajor, outcome: Outcome): Promise<void> {
  const file = fileFor(source);
  stats.checked++;
  const [n1, n2] = outcome.node;
  if (fingerprint(n1, file) !== fingerprint(n2, file)) {
    stats.racy++;
    return; // racy under real node: no single truth to compare with
  }
  const simPrint = fingerprint(outcome.sim, file);
  if (simPrint === fingerprint(n1, file)) return;
  for (let k = 0; k < NODE_RETRIES; k++) {
    const again = await runCommand([...nodeCommand(major), file], path.dirname(file));
    if (fingerprint(again, file) === simPrint) {
      stats.racy++;
      return;
    }
  }
  const parts = [`Node ${major}; program:\n${source}`];
  if (outcome.sim.stdout !== n1.stdout) parts.push(`stdout:\n${unifiedDiff(n1.stdout, outcome.sim.stdout)}`);
  if (outcome.sim.code !== n1.code) parts.push(`exit code: node ${n1.code} vs simulator ${outcome.sim.code}${outcome.sim.timedOut ? ' (timed out)' : ''}`);
  const ne = normalizeStderr(n1.stderr, [file]);
  const se = normalizeStderr(outcome.sim.stderr, [file]);
  if (ne !== se) parts.push(`normalized stderr:\n${unifiedDiff(ne, se)}`);
  throw new Error(`simulator (--node ${major}) diverges from node ${major}\n${parts.join('\n\n')}`);
}

describe('fidelity: generated programs (fast-check)', function () {
  this.timeout(Math.max(600_000, RUNS * 20_000) + processTimeoutMs);

  after(() => cleanupTemp());

  it('render() produces a syntactically valid program', function () {
    const [sample] = fc.sample(programArb, { seed: SEED, numRuns: 1 });
    assert.doesNotThrow(() => new Function(render(sample).replace(/^'use strict';/, '')));
  });

  it(`simulator prints what node prints (${RUNS} programs, seed ${SEED})`, async function () {
    const problem = simulatorProblem();
    if (problem) throw new Error(problem);
    // Warm-up: the values fc.assert is going to check, run in a pool of 2.
    const cases = fc.sample(caseArb, { seed: SEED, numRuns: RUNS });
    const pool = makePool();
    const outcomes = new Map<string, Promise<Outcome>>();
    const keyOf = (src: string, major: NodeMajor) => `${major}\u0000${src}`;
    for (const c of cases) {
      const src = render(c.program);
      if (!outcomes.has(keyOf(src, c.node))) outcomes.set(keyOf(src, c.node), pool(() => runProgram(src, c.node)));
    }
    await Promise.all(outcomes.values());
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const src = render(c.program);
        let outcome = outcomes.get(keyOf(src, c.node));
        if (!outcome) {
          stats.live++;
          outcome = runProgram(src, c.node);
          outcomes.set(keyOf(src, c.node), outcome);
        }
        await verdict(src, c.node, await outcome);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: false, verbose: 1 },
    );
    const perLine = fidelityMajors().map((m) => `${cases.filter((c) => c.node === m).length} on Node ${m}`).join(', ');
    console.log(`      (${stats.checked} checks: ${perLine}; ${stats.racy} skipped as racy under real node, ${stats.live} run live while shrinking)`);
  });
});
