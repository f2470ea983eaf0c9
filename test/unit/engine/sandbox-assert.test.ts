/**
 * The program's `assert` (engine/sandbox-assert.ts): the host's module, with its failures made
 * the imitated line's — the program's Error.stackTraceLimit holds, no frame of the wrapper shows,
 * and Node 22+'s own `diff` and trailing newline of a diff message are there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { runProgram } from '../../../src/core/engine/run';
import { distReady, tempProgram } from './helpers';

const PROGRAM = `
const assert = require('node:assert');
const strict = require('node:assert/strict');
const report = [];
const fail = (f) => { try { f(); } catch (e) { return e; } };
Error.stackTraceLimit = 3;
function check(x) { assert.strictEqual(x, 2); }
const first = fail(() => check(3));
const frames = first.stack.split('\\n').filter((line) => line.startsWith('    at '));
report.push(frames[0].trim().split(' ')[1], frames.length);
Error.stackTraceLimit = 0;
const e = fail(() => strict.deepEqual({ a: [1, 2] }, { a: [1, 3] }));
report.push(JSON.stringify([e.stack === 'AssertionError [ERR_ASSERTION]: ' + e.message, Object.keys(e), e.message.endsWith('\\n'), e.diff]));
report.push(assert.strict === strict, typeof assert.AssertionError, e instanceof assert.AssertionError);
console.log(report.join('\\n'));
`;

describe('engine: the program\'s assert', function () {
  this.timeout(120_000);
  before(function () {
    if (!distReady()) this.skip();
  });

  for (const [major, diff] of [[20, false], [22, true], [26, true]] as const) {
    it(`Node ${major}: the program's stackTraceLimit, its own frames first${diff ? ', diff: \'simple\' and the diff message\'s newline' : ''}`, async () => {
      const dir = tempProgram({ 'a.js': PROGRAM });
      try {
        let stdout = '';
        const r = await runProgram({ file: 'a.js', cwd: dir, node: major, onOutput: (s, t) => { if (s === 'stdout') stdout += t; } });
        assert.equal(r.exitCode, 0, stdout);
        const keys = ['generatedMessage', 'code', 'actual', 'expected', 'operator', ...(diff ? ['diff'] : [])];
        assert.deepEqual(stdout.split('\n'), [
          'check',
          '3',
          JSON.stringify([true, keys, diff, diff ? 'simple' : null]),
          'true', 'function', 'true', '',
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
