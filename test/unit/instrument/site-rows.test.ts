import assert from 'node:assert/strict';
import { instrumentSource } from '../../../src/core/instrument/index';
import { shiftLineMappings } from '../../../src/core/instrument/site-rows';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Every mapping of a source map as "source line:column -> the generated text there" (a decoder of its own, not site-rows.ts's). */
function mappedTexts(code: string): string[] {
  const url = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)/.exec(code);
  assert.ok(url, 'no inline source map');
  const map = JSON.parse(Buffer.from(url[1], 'base64').toString('utf8')) as { mappings: string };
  const lines = code.split('\n');
  const out: string[] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  map.mappings.split(';').forEach((segments, generatedLine) => {
    let generatedColumn = 0;
    for (const segment of segments ? segments.split(',') : []) {
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        shift += 5;
        if ((digit & 32) === 0) {
          fields.push(value & 1 ? -(value >> 1) : value >> 1);
          value = 0;
          shift = 0;
        }
      }
      generatedColumn += fields[0];
      if (fields.length < 4) continue;
      sourceLine += fields[2];
      sourceColumn += fields[3];
      out.push(`${sourceLine}:${sourceColumn} -> ${JSON.stringify(lines[generatedLine].slice(generatedColumn, generatedColumn + 12))}`);
    }
  });
  return out.sort();
}

/** The value of the rows argument of `__at$.sites(name, rows)` in the instrumented code. */
function rowsIn(code: string): unknown {
  const line = code.split('\n').find((l) => l.includes('__at$.sites('))!;
  const args = line.slice(line.indexOf('__at$.sites(') + '__at$.sites('.length, line.lastIndexOf(')'));
  return new Function(`return [${args}][1];`)();
}

describe('instrument: the site table spliced in as text', () => {
  const program = [
    '"use strict";',
    'async function task(n: number): Promise<number> { const a = await Promise.resolve(n); return a * 2; }',
    'const o = { async m(x: string) { for (const c of x) await c; return "é\\u2028"; } };',
    'task(1).then(async (v) => { await o.m("ab"); console.log(v); });',
  ].join('\n');

  it('gives the rows TypeScript would have printed, and a source map that maps every node to the same text', () => {
    // Naming the placeholder in the text makes the instrumenter print the rows through TypeScript.
    const printed = instrumentSource(`${program}\n// __asyncTimeline$siteRows\n`, { fileName: '/w/a.ts', displayName: 'a.ts' });
    const spliced = instrumentSource(`${program}\n// __asyncTimeline$siteRowz\n`, { fileName: '/w/a.ts', displayName: 'a.ts' });
    assert.deepEqual(printed.diagnostics, []);
    assert.deepEqual(spliced.sites, printed.sites);
    assert.ok(spliced.sites.length > 4);
    assert.ok(!spliced.code.includes('__asyncTimeline$siteRows'), 'placeholder left in the code');
    assert.ok(spliced.code.includes(JSON.stringify(spliced.sites)));
    assert.deepEqual(rowsIn(spliced.code), spliced.sites);
    assert.deepEqual(rowsIn(printed.code), printed.sites);
    // "use strict" stays the first statement.
    assert.match(spliced.code, /^"use strict";\n/);
    const withoutComment = (texts: string[]) => texts.filter((t) => !t.includes('__asyncTimeline$siteRow'));
    assert.deepEqual(withoutComment(mappedTexts(spliced.code)), withoutComment(mappedTexts(printed.code)));
  });

  it('moves only the mappings after the placeholder on its line', () => {
    // Segments at columns 0, 1 and 3 (each relative to the one before): only the second and
    // third move, by changing the second's relative column.
    assert.equal(shiftLineMappings('AAAA,CAAC,EAAE', 1, 10), 'AAAA,WAAC,EAAE');
    assert.equal(shiftLineMappings('AAAA,CAAC,EAAE', 3, 10), 'AAAA,CAAC,YAAE');
    assert.equal(shiftLineMappings('AAAA', 4, 10), 'AAAA');
    // A shift that needs a continuation digit: 1 + 40 = 41 → 82 = 2×32 + 18 → "yC".
    assert.equal(shiftLineMappings('AAAA,CAAC', 1, 40), 'AAAA,yCAAC');
  });
});
