/**
 * The remote peer's HTTP/1.1 framing (src/core/node/http/remote-peer.ts) and the recording
 * file's checks (src/core/netrec/recording.ts), on their own.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseRequest, responseBytes } from '../../../src/core/node/http/remote-peer';
import { decodeBody, encodeBody, loadRecording, RecordingError, recordingFileFor, saveRecording, emptyRecording } from '../../../src/core/netrec/recording';
import { urlOf } from '../../../src/core/netrec/remote-hosts';

describe('netrec: the remote peer parses requests as a server does', () => {
  it('waits for the whole head and a Content-Length body, then takes exactly one request', () => {
    const req = 'POST /items?x=1 HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 7\r\n\r\n{"a":1}';
    assert.equal(parseRequest(req.slice(0, 30)), undefined);
    assert.equal(parseRequest(req.slice(0, req.length - 1)), undefined);
    const next = 'GET / HTTP/1.1\r\nHost: api.example.com\r\n\r\n';
    const p = parseRequest(req + next)!;
    assert.deepEqual(p.request, { method: 'POST', path: '/items?x=1', headers: [['Host', 'api.example.com'], ['Content-Length', '7']], body: '{"a":1}' });
    assert.equal(p.length, req.length);
    assert.deepEqual(parseRequest(next)!.request, { method: 'GET', path: '/', headers: [['Host', 'api.example.com']], body: '' });
  });

  it('decodes a chunked body, with and without trailers', () => {
    const head = 'PUT /up HTTP/1.1\r\nhost: h\r\ntransfer-encoding: chunked\r\n\r\n';
    const body = '5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n';
    assert.equal(parseRequest(head + body.slice(0, 12)), undefined);
    const p = parseRequest(head + body)!;
    assert.equal(p.request.body, 'hello world');
    assert.equal(p.length, head.length + body.length);
    const withTrailer = head + '3\r\nabc\r\n0\r\nx-sum: 1\r\n\r\n';
    assert.equal(parseRequest(withTrailer)!.request.body, 'abc');
    assert.equal(parseRequest(withTrailer)!.length, withTrailer.length);
  });

  it('writes the recorded head in order, re-chunks a chunked body, keeps a Content-Length body, and closes when it must', () => {
    const base = { status: 200, statusMessage: 'OK', headAfterMs: 1, endAfterMs: 2 };
    const chunked = responseBytes({ ...base, headers: [['X-B', '2'], ['Transfer-Encoding', 'chunked']], body: 'hello world' }, 'GET');
    assert.equal(chunked.head, 'HTTP/1.1 200 OK\r\nX-B: 2\r\nTransfer-Encoding: chunked\r\n\r\n');
    assert.equal(chunked.body, 'b\r\nhello world\r\n0\r\n\r\n');
    assert.equal(chunked.close, false);
    const sized = responseBytes({ ...base, headers: [['Content-Length', '2'], ['Connection', 'close']], body: 'ok' }, 'GET');
    assert.deepEqual([sized.body, sized.close], ['ok', true]);
    assert.deepEqual(responseBytes({ ...base, headers: [['Content-Length', '2']], body: 'ok' }, 'HEAD').body, '');
    assert.equal(responseBytes({ ...base, headers: [], body: 'until the end' }, 'GET').close, true, 'no length: the body ends with the connection');
  });

  it('names a request by scheme, Host header and target', () => {
    const r = { tls: true, hostname: 'api.example.com', port: 443, method: 'GET', path: '/v1?q=1', headers: [['host', 'api.example.com']] as [string, string][], body: '' };
    assert.equal(urlOf(r), 'https://api.example.com/v1?q=1');
    assert.equal(urlOf({ ...r, tls: false, port: 8080, headers: [] }), 'http://api.example.com:8080/v1?q=1');
  });
});

describe('netrec: the recording file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-netrec-'));

  it('lives beside the program, named after it', () => {
    assert.equal(recordingFileFor('/p/src/client.ts'), '/p/src/.async-timeline/recordings/client.ts.json');
    assert.equal(recordingFileFor('/p/src/client.ts', '/r'), '/r/client.ts.json');
  });

  it('keeps UTF-8 bodies as text and anything else as base64', () => {
    assert.equal(encodeBody(Buffer.from('héllo')), 'héllo');
    assert.deepEqual(encodeBody(Buffer.from([0x1f, 0x8b, 0xff])), { base64: 'H4v/' });
    assert.deepEqual(decodeBody({ base64: 'H4v/' }), Buffer.from([0x1f, 0x8b, 0xff]));
  });

  it('saves atomically as pretty JSON and loads it back; a missing file is no recording', () => {
    const file = path.join(dir, 'sub/prog.js.json');
    assert.equal(loadRecording(file), undefined);
    const r = emptyRecording('prog.js');
    saveRecording(file, r);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['prog.js.json']);
    assert.equal(fs.readFileSync(file, 'utf8'), JSON.stringify(r, null, 2) + '\n');
    assert.deepEqual(loadRecording(file), r);
  });

  for (const [text, why] of [
    ['not json', /is not valid JSON/],
    ['[1]', /is not an async-timeline recording/],
    ['{"format":"async-timeline-recording"}', /has no "version"/],
    ['{"format":"async-timeline-recording","version":2,"exchanges":[]}', /is version 2, newer than this async-timeline reads \(1\): update async-timeline/],
    ['{"format":"async-timeline-recording","version":1}', /has no "exchanges" list/],
    ['{"format":"async-timeline-recording","version":1,"exchanges":[{"request":{"method":"GET"}}]}', /has a malformed exchange \(exchanges\[0\]\)/],
  ] as const) {
    it(`refuses ${text.slice(0, 40)}… naming the file and how to re-record`, () => {
      const file = path.join(dir, 'bad.json');
      fs.writeFileSync(file, text);
      assert.throws(() => loadRecording(file, 'shown/bad.json'), (e: Error) => e instanceof RecordingError && why.test(e.message) && e.message.startsWith('async-timeline: the network recording shown/bad.json ') && e.message.includes('record it again with --record'));
    });
  }
});
