import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstrumentCache } from '../../../src/core/engine/instrument-cache';
import { instrumentSource, type InstrumentOptions, type InstrumentResult } from '../../../src/core/instrument/index';
import { distReady, runCli, tempProgram } from './helpers';

const SOURCE = 'async function f() { await null; return 1; }\nf().then(console.log);\n';
const OPTIONS: InstrumentOptions = { fileName: '/x/a.ts', displayName: 'a.ts' };

function counting(): { calls: number; fn: (text: string, options: InstrumentOptions) => InstrumentResult } {
  const c = { calls: 0, fn: (text: string, options: InstrumentOptions) => { c.calls++; return instrumentSource(text, options); } };
  return c;
}

function entries(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

describe('instrumentation cache', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-icache-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('instruments an unchanged file once and returns the same output after', () => {
    const inst = counting();
    const first = new InstrumentCache(dir).instrument(SOURCE, OPTIONS, inst.fn);
    const cache = new InstrumentCache(dir); // a later run
    const second = cache.instrument(SOURCE, OPTIONS, inst.fn);
    assert.equal(inst.calls, 1);
    assert.deepEqual(second, first);
    assert.deepEqual(cache.stats, { hits: 1, misses: 0, rejected: 0, writes: 0 });
  });

  it('misses when the text or the options change', () => {
    const inst = counting();
    const cache = new InstrumentCache(dir);
    cache.instrument(SOURCE, OPTIONS, inst.fn);
    cache.instrument(SOURCE + '\n', OPTIONS, inst.fn);
    cache.instrument(SOURCE, { ...OPTIONS, displayName: 'b.ts' }, inst.fn);
    assert.equal(inst.calls, 3);
    assert.equal(entries(dir).length, 3);
  });

  it('detects a corrupt or tampered entry, rebuilds it and never uses it', () => {
    const inst = counting();
    new InstrumentCache(dir).instrument(SOURCE, OPTIONS, inst.fn);
    const [file] = entries(dir);
    // A torn write: half the JSON.
    const whole = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, whole.slice(0, whole.length >> 1));
    let cache = new InstrumentCache(dir);
    const rebuilt = cache.instrument(SOURCE, OPTIONS, inst.fn);
    assert.equal(inst.calls, 2);
    assert.equal(cache.stats.rejected, 1);
    assert.match(rebuilt.code, /\$/);
    // A valid JSON whose result was edited: the checksum no longer matches.
    const entry = JSON.parse(fs.readFileSync(file, 'utf8'));
    entry.result.code = 'console.log("not what the instrumenter wrote")';
    fs.writeFileSync(file, JSON.stringify(entry));
    cache = new InstrumentCache(dir);
    const again = cache.instrument(SOURCE, OPTIONS, inst.fn);
    assert.equal(inst.calls, 3);
    assert.equal(cache.stats.rejected, 1);
    assert.doesNotMatch(again.code, /not what the instrumenter wrote/);
  });

  it('goes on without a cache it cannot write, and says so once', () => {
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'a file where the cache folder should be');
    const inst = counting();
    const cache = new InstrumentCache(path.join(blocker, 'cache'));
    const a = cache.instrument(SOURCE, OPTIONS, inst.fn);
    const b = cache.instrument(SOURCE, OPTIONS, inst.fn);
    assert.equal(inst.calls, 2);
    assert.deepEqual(a, b);
    assert.match(cache.warning ?? '', /could not be written \(ENOTDIR\); this run goes on without it/);
  });

  it('keeps the folder under its size by dropping the least recently used entries', () => {
    const inst = counting();
    const cache = new InstrumentCache(dir, 1); // every entry is over budget
    for (let i = 0; i < 6; i++) cache.instrument(`${SOURCE}// ${i}\n`, OPTIONS, inst.fn);
    cache.prune();
    assert.equal(entries(dir).length, 3);
  });

  it('the CLI uses the cache on a second run and prints the same output', function () {
    if (!distReady()) this.skip();
    const cwd = tempProgram({ 'main.ts': 'import { twice } from "./lib";\nasync function main() { await null; console.log(twice(21)); }\nmain();\n', 'lib.ts': 'export const twice = (n: number) => n * 2;\n' });
    const cacheDir = path.join(cwd, '.cache');
    const first = runCli(['run', 'main.ts', '--cache-dir', cacheDir], cwd);
    assert.equal(entries(cacheDir).length, 2);
    const mtimes = entries(cacheDir).map((f) => fs.statSync(f).mtimeMs);
    const second = runCli(['run', 'main.ts', '--cache-dir', cacheDir], cwd);
    assert.equal(second.stdout, '42\n');
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.status, 0);
    assert.equal(entries(cacheDir).length, 2);
    assert.ok(entries(cacheDir).every((f, i) => fs.statSync(f).mtimeMs >= mtimes[i]));
    const none = runCli(['run', 'main.ts', '--no-cache'], cwd);
    assert.equal(none.stdout, '42\n');
  });
});
