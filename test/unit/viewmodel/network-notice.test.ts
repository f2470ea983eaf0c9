import assert from 'node:assert/strict';
import { networkNotice } from '../../../src/core/viewmodel/network-notice';

describe('viewmodel/network-notice (outside hosts, recorded and replayed)', () => {
  it('says how many requests were replayed, from the recording of which day, and offers Record again', () => {
    const notice = networkNotice({ mode: 'record-missing', recording: '.async-timeline/recordings/client.ts.json', recordedAt: '2026-11-29T19:40:00.000Z', replayed: 3, recorded: 0 });
    assert.deepEqual(notice, {
      text: '3 requests replayed from a recording of 2026-11-29 (.async-timeline/recordings/client.ts.json).',
      canRecordAgain: true,
    });
  });

  it('says plainly that requests were performed for real when the run recorded them', () => {
    const notice = networkNotice({ mode: 'record', recording: 'r.json', recordedAt: '2026-11-29T00:00:00Z', replayed: 0, recorded: 1 });
    assert.equal(notice?.text, '1 request to hosts outside the program was performed for real and recorded (r.json); later runs replay it in virtual time.');
    const both = networkNotice({ mode: 'record-missing', recording: 'r.json', recordedAt: '2026-11-28T00:00:00Z', replayed: 2, recorded: 2 });
    assert.match(both!.text, /^2 requests .* were performed for real .* 2 requests replayed from a recording of 2026-11-28\.$/);
  });

  it('says nothing for a run without outside requests, an old trace, or a malformed field', () => {
    assert.equal(networkNotice(undefined), undefined);
    assert.equal(networkNotice({ mode: 'off', replayed: 0, recorded: 0 }), undefined);
    assert.equal(networkNotice('3 requests'), undefined);
    assert.equal(networkNotice({ replayed: '3', recorded: -1 }), undefined);
  });

  it('treats strings from the trace as data: a bad date is left out, not shown', () => {
    const notice = networkNotice({ mode: 'replay-only', recordedAt: '<img src=x>', replayed: 1, recorded: 0 });
    assert.equal(notice?.text, '1 request replayed from a recording.');
    assert.equal(networkNotice({ mode: 'off', replayed: 1, recorded: 0 })?.canRecordAgain, false);
  });
});
