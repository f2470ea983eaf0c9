/**
 * src/core/node/webstreams: the files of lib/node<NN> are each line's Node files unchanged, and
 * the model of Node's Blob storage (shims/blob-data.js) pulls exactly as Node's DataQueue does —
 * the count of pulls is what decides when a Blob's text()/arrayBuffer()/bytes() settle.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { realNode, SUPPORTED_NODE_MAJORS } from '../../nodes/real-node';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS file of the sandbox layer, pure JS
const blobData = require('../../../src/core/node/webstreams/shims/blob-data.js');

const LIB = path.join(__dirname, '../../../src/core/node/webstreams/lib');

/** The Node module name of a file under lib/node<NN>. */
function moduleName(rel: string): string {
  return rel.replace(/\.js$/, '');
}

function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('webstreams: lib/node<NN> holds Node\'s own files', function () {
  this.timeout(60_000);
  for (const major of SUPPORTED_NODE_MAJORS) {
    it(`every file of lib/node${major} is the Node ${major} binary's`, function () {
      const dir = path.join(LIB, `node${major}`);
      const names = filesUnder(dir).map(moduleName);
      assert.ok(names.includes('internal/webstreams/readablestream'));
      const script = `const n = process.binding('natives'); process.stdout.write(JSON.stringify(${JSON.stringify(names)}.map((k) => n[k] ?? null)))`;
      const out = spawnSync(realNode(major), ['-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
      const sources = JSON.parse(out.stdout) as (string | null)[];
      names.forEach((name, i) => {
        assert.equal(fs.readFileSync(path.join(dir, name + '.js'), 'utf8'), sources[i], `lib/node${major}/${name}.js differs from Node ${major}'s`);
      });
    });
  }
});

/** Reads a handle to the end the way lib/internal/blob.js's arrayBuffer() does; returns the pulls and the bytes. */
function readAll(handle: any): { pulls: number; text: string; statuses: number[] } {
  const reader = handle.getReader();
  const buffers: ArrayBuffer[] = [];
  const statuses: number[] = [];
  let pulls = 0;
  for (;;) {
    let status = -1;
    pulls++;
    reader.pull((s: number, buffer: ArrayBuffer | undefined) => {
      status = s;
      if (buffer !== undefined) buffers.push(buffer);
    });
    assert.notEqual(status, -1, 'the callback runs synchronously');
    statuses.push(status);
    if (status === 0) break;
  }
  return { pulls, statuses, text: Buffer.from(blobData.concat(buffers)).toString() };
}

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const blob = (...parts: (string | object)[]) => blobData.createBlob(parts.map((p) => (typeof p === 'string' ? bytes(p) : p)));

describe('webstreams: blob-data.js (Node\'s DataQueue, memory-resident)', () => {
  // Pull counts measured under real Node 20, 22, 24 and 26 (the same on each line).
  const cases: [string, () => any, number, string][] = [
    ['no parts', () => blob(), 1, ''],
    ['[""]', () => blob(''), 2, ''],
    ['["a"]', () => blob('a'), 2, 'a'],
    ['["a","b"]', () => blob('a', 'b'), 4, 'ab'],
    ['["", ""]', () => blob('', ''), 4, ''],
    ['[Blob(x,y)]', () => blob(blob('x', 'y')), 4, 'xy'],
    ['[Blob(x,y), z]', () => blob(blob('x', 'y'), 'z'), 6, 'xyz'],
    ['[Blob()]', () => blob(blob()), 1, ''],
    ['[Blob(), a]', () => blob(blob(), 'a'), 3, 'a'],
    ['ab,cd slice(1)', () => blob('ab', 'cd').slice(1, 4), 4, 'bcd'],
    ['ab,cd slice(2): the entry ending at start stays, empty', () => blob('ab', 'cd').slice(2, 4), 4, 'cd'],
    ['ab,cd slice(3)', () => blob('ab', 'cd').slice(3, 4), 2, 'd'],
    ['ab,cd slice(0,2)', () => blob('ab', 'cd').slice(0, 2), 2, 'ab'],
    ['ab,cd,ef slice(2,4)', () => blob('ab', 'cd', 'ef').slice(2, 4), 4, 'cd'],
    ['[Blob(x,y).slice(1)]', () => blob(blob('x', 'y').slice(1, 2)), 4, 'y'],
    ['slice of a slice', () => blob('ab', 'cd', 'ef').slice(1, 6).slice(2, 5), 4, 'def'],
    ['a zero-length slice', () => blob('a').slice(1, 1), 1, ''],
  ];
  for (const [name, make, pulls, text] of cases) {
    it(`${name}: ${pulls} pulls`, () => {
      const got = readAll(make());
      assert.equal(got.pulls, pulls);
      assert.equal(got.text, text);
      assert.ok(got.statuses.slice(0, -1).every((s) => s === 1), 'continue until the end');
    });
  }

  it('a large part comes in one pull, in an ArrayBuffer of its own', () => {
    const part = new Uint8Array(100_000).fill(7);
    const reader = blobData.createBlob([part]).getReader();
    let got: ArrayBuffer | undefined;
    reader.pull((_s: number, b: ArrayBuffer) => {
      got = b;
    });
    assert.ok(got instanceof ArrayBuffer);
    assert.equal(got!.byteLength, 100_000);
    assert.notEqual(got, part.buffer);
  });

  it('each reader starts at the beginning (a Blob is read again by every text()/stream())', () => {
    const h = blob('a', 'b');
    assert.equal(readAll(h).text, 'ab');
    assert.equal(readAll(h).text, 'ab');
  });
});
