/**
 * versions/internal-frames.ts is copied from the real builds: each line's Node prints the frames
 * below a CommonJS main module, an ES module entry, a timer, an immediate, a nextTick callback and a microtask,
 * and the table must say the same (a new build of a line changes its line numbers).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { callbackFrames, INTERNAL_FRAMES } from '../../../src/core/versions/internal-frames';
import { SUPPORTED_NODE_MAJORS } from '../../../src/core/versions/targets';
import { realNode } from '../../nodes/real-node';

// The frames below each place, as JSON (the first three stack lines are the message, \`below\`
// and the callback itself).
const PROBE = `
const below = () => new Error('x').stack.split('\\n').slice(3);
const seen = { main: below() };
process.nextTick(() => {
  seen.tick = below();
  Promise.resolve().then(() => { seen.microtaskInTicks = below(); });
  queueMicrotask(() => { seen.queueMicrotask = below().slice(0, -1); });
});
setImmediate(() => { seen.immediate = below(); });
setTimeout(() => { seen.timer = below(); }, 1);
process.on('exit', () => console.log(JSON.stringify(seen)));
`;

describe('versions: Node’s internal frames of each line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'internal-frames-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.writeFileSync(path.join(dir, 'probe.js'), PROBE);
  fs.writeFileSync(path.join(dir, 'probe.mjs'), PROBE);

  for (const line of SUPPORTED_NODE_MAJORS) {
    it(`Node ${line}: the table is what that Node prints`, () => {
      const cjs = JSON.parse(execFileSync(realNode(line), [path.join(dir, 'probe.js')], { encoding: 'utf8' })) as Record<string, string[]>;
      const esm = JSON.parse(execFileSync(realNode(line), [path.join(dir, 'probe.mjs')], { encoding: 'utf8' })) as Record<string, string[]>;
      const table = INTERNAL_FRAMES[line];
      assert.deepEqual(table.cjsMain, cjs.main);
      assert.deepEqual(table.esmMain, esm.main);
      assert.deepEqual(table.timer, cjs.timer);
      assert.deepEqual(table.immediate, cjs.immediate);
      assert.deepEqual(table.tick, cjs.tick);
      assert.deepEqual(table.microtaskInTicks, cjs.microtaskInTicks);
      assert.deepEqual(table.queueMicrotask, cjs.queueMicrotask);
    });
  }

  it('callbackFrames finds a callback’s frames by the runtime function that ran it', () => {
    const frames = callbackFrames(26);
    assert.deepEqual(frames(['x', 'listOnTimeout2']), INTERNAL_FRAMES[26].timer);
    assert.deepEqual(frames(['processImmediate']), INTERNAL_FRAMES[26].immediate);
    assert.deepEqual(frames(['runOneTick']), INTERNAL_FRAMES[26].tick);
    assert.equal(frames(['somethingElse']), undefined);
    // A microtask: Node's frames only when processTicksAndRejections drained the queue, not a timer's runNextTicks.
    assert.deepEqual(frames(['finishReaction', 'runReactionJob', 'runMicrotasks', 'processTicksAndRejections', 'runNextTicks', 'invoke', 'listOnTimeout']), INTERNAL_FRAMES[26].microtaskInTicks);
    assert.equal(frames(['finishReaction', 'runReactionJob', 'runMicrotasks', 'runNextTicks', 'invoke', 'listOnTimeout']), undefined);
    assert.deepEqual(callbackFrames(22)(['', 'runInAsyncScope', 'runMicrotaskJob', 'runMicrotasks', 'runNextTicks']), INTERNAL_FRAMES[22].queueMicrotask);
    assert.deepEqual(callbackFrames(20)(['', 'runMicrotaskJob', 'runMicrotasks', 'processTicksAndRejections']), [...INTERNAL_FRAMES[20].queueMicrotask, ...INTERNAL_FRAMES[20].microtaskInTicks]);
  });
});
