import assert from 'node:assert/strict';
import { escapeJsonForHtml, renderTraceHtml } from '../../../src/core/export/html';
import { helloAsync, withUncaughtError } from './trace-builder';

const assets = { js: 'console.log("</script> in js")', css: 'body{color:red}' };

describe('export/html', () => {
  it('embeds the trace as JSON no string can break out of', () => {
    const html = renderTraceHtml(withUncaughtError(), { assets, nonce: 'abc' });
    const scripts = html.match(/<\/script>/g) ?? [];
    assert.equal(scripts.length, 2, 'only the two real closing tags');
    assert.ok(!html.includes('<b>not bold</b>'));
    const json = html.match(/<script type="application\/json" id="async-timeline-trace">(.*?)<\/script>/s)![1];
    assert.deepEqual(JSON.parse(json), withUncaughtError());
  });

  it('has a strict CSP with a nonce and no network sources', () => {
    const html = renderTraceHtml(helloAsync(), { assets, nonce: 'N0NCE' });
    const csp = html.match(/Content-Security-Policy" content="([^"]*)"/)![1];
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-N0NCE'/);
    assert.doesNotMatch(csp, /unsafe|https?:/);
    assert.match(html, /<script nonce="N0NCE">/);
    assert.match(html, /<style nonce="N0NCE">body\{color:red\}<\/style>/);
    assert.doesNotMatch(html, /<(link|img|iframe)\b|src=/);
  });

  it('is deterministic for a given nonce', () => {
    assert.equal(renderTraceHtml(helloAsync(), { assets, nonce: 'x' }), renderTraceHtml(helloAsync(), { assets, nonce: 'x' }));
  });

  it('escapes < and line separators', () => {
    assert.equal(escapeJsonForHtml('"<\u2028"'), '"\\u003c\\u2028"');
  });
});
