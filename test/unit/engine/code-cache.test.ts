import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CACHE_DIR = path.join(os.tmpdir(), 'async-timeline-code-cache');
const MODULE = path.join(__dirname, '../../../src/core/engine/code-cache.ts');

/**
 * Compiles `file` as a worker does, in a process of its own (one V8 isolate: in the same
 * isolate V8's in-memory compilation cache would answer before the cache on disk), runs it,
 * and saves the caches as a worker does after its run.
 */
function compileInAFreshProcess(file: string): { value: unknown; rejected: boolean | undefined; hadCache: boolean } {
  const program = `
    const { compileWithCodeCache, saveCodeCaches } = require(${JSON.stringify(MODULE)});
    const script = compileWithCodeCache(${JSON.stringify(file)}, ${JSON.stringify(file)});
    const value = script.runInNewContext({});
    process.stdout.write(JSON.stringify({ value, rejected: script.cachedDataRejected }));
    saveCodeCaches();`;
  const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', program], { encoding: 'utf8', env: { ...process.env, ASYNC_TIMELINE_NO_CODE_CACHE: '' } });
  const { value, rejected } = JSON.parse(out) as { value: unknown; rejected?: boolean };
  return { value, rejected, hadCache: rejected !== undefined };
}

describe('engine: code caches of the sandbox scripts', function () {
  this.timeout(60000);
  const name = `cc-test-${process.pid}-${Date.now()}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-code-cache-'));
  const file = path.join(dir, `${name}.js`);
  const caches = () => (fs.existsSync(CACHE_DIR) ? fs.readdirSync(CACHE_DIR).filter((f) => f.startsWith(`${name}-`)) : []);
  after(() => {
    for (const f of caches()) fs.rmSync(path.join(CACHE_DIR, f), { force: true });
  });

  it('writes a cache after the first compile, uses it after, and a rebuilt file gets its own (the old one goes)', () => {
    fs.writeFileSync(file, 'globalThis.answer = 6 * 7; answer;');
    assert.deepEqual(compileInAFreshProcess(file), { value: 42, rejected: undefined, hadCache: false });
    const written = caches();
    assert.equal(written.length, 1, 'one cache for the file');
    assert.deepEqual(compileInAFreshProcess(file), { value: 42, rejected: false, hadCache: true }, 'the next worker compiles through it');
    // Same length, other text, later mtime: V8 would take the old cache (it checks the length), the key must not.
    fs.writeFileSync(file, 'globalThis.answer = 6 * 9; answer;');
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    assert.deepEqual(compileInAFreshProcess(file), { value: 54, rejected: undefined, hadCache: false });
    assert.equal(caches().length, 1, 'the older build\'s cache is gone');
    assert.notEqual(caches()[0], written[0]);
    assert.deepEqual(compileInAFreshProcess(file), { value: 54, rejected: false, hadCache: true });
  });

  it('a damaged cache is rejected by V8: the script compiles from its text and the cache is written again', () => {
    const [cache] = caches();
    fs.writeFileSync(path.join(CACHE_DIR, cache), Buffer.alloc(4096, 0xab));
    assert.deepEqual(compileInAFreshProcess(file), { value: 54, rejected: true, hadCache: true });
    assert.deepEqual(compileInAFreshProcess(file), { value: 54, rejected: false, hadCache: true });
  });
});
