/**
 * Hosts outside the program in the real extension host (issue 9, docs/recordings.md): "Record
 * again" performs a program's requests for real against a server outside the sandbox and
 * records them beside the program; with that server gone, the next run replays them — same
 * output, and the trace says how many requests came from which recording. Loopback only.
 */
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EventKind, type TraceFile } from '../../../src/core/trace/format';
import type { CommandOutcome } from '../../../src/extension/visualize';
import { activate, closeAllEditors, open, wsFile } from './util';

const PROGRAM = 'network-client.ts';

function consoleText(trace: TraceFile): string {
  return trace.events.kind.map((k, i) => (k === EventKind.Console ? trace.strings[trace.events.b[i]] : '')).join('');
}

suite('hosts outside the program: recorded once, replayed', function () {
  this.timeout(120_000);
  let server: http.Server | undefined;
  let origin = '';
  const program = () => wsFile(PROGRAM);
  const recordings = () => path.join(path.dirname(program().fsPath), '.async-timeline', 'recordings');

  suiteSetup(async () => {
    await closeAllEditors();
    // A real server outside the sandbox: its answers take real time; the replay takes the recorded time.
    server = http.createServer((req, res) => {
      if (req.url === '/slow') setTimeout(() => res.end(JSON.stringify({ answer: 42 })), 60);
      else res.end('fast');
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fs.writeFileSync(program().fsPath, [
      `const origin = '${origin}';`,
      'async function main(): Promise<void> {',
      '  const [slow, fast] = await Promise.all([',
      '    fetch(`${origin}/slow`).then((r) => r.json()),',
      '    fetch(`${origin}/fast`).then((r) => r.text()),',
      '  ]);',
      '  console.log(slow.answer, fast);',
      '}',
      'main().catch((e) => console.log("failed:", e.cause?.code ?? e.message));',
      '',
    ].join('\n'));
  });

  suiteTeardown(async () => {
    await closeAllEditors();
    server?.close();
    fs.rmSync(program().fsPath, { force: true });
    // Only this test's recording: the workspace's own (weather.ts's, for the UI walk) stays.
    fs.rmSync(path.join(recordings(), `${PROGRAM}.json`), { force: true });
  });

  test('"Record again" records the real server; with it stopped, a re-run replays the same output', async () => {
    const api = await activate();
    await open(PROGRAM);
    const uri = program();

    // Record again = network mode 'record': the requests are performed for real and recorded.
    const recorded = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.recordAgain', uri);
    assert.strictEqual(recorded?.status, 'finished', recorded?.message);
    const first = api.getLastRun(uri)!.result!.trace;
    assert.strictEqual(consoleText(first), '42 fast\n');
    assert.strictEqual(first.meta.network?.mode, 'record');
    assert.strictEqual(first.meta.network?.recorded, 2);
    const file = path.join(recordings(), `${PROGRAM}.json`);
    assert.ok(fs.existsSync(file), `${file} was written`);
    const recording = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; exchanges: unknown[] };
    assert.strictEqual(recording.format, 'async-timeline-recording');
    assert.strictEqual(recording.exchanges.length, 2);

    // The server is gone: the next run (the setting's default, record-missing) replays.
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const replayed = await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.rerun', uri);
    assert.strictEqual(replayed?.status, 'finished', replayed?.message);
    const second = api.getLastRun(uri)!.result!.trace;
    assert.strictEqual(consoleText(second), '42 fast\n');
    assert.strictEqual(second.meta.network?.mode, 'record-missing');
    assert.strictEqual(second.meta.network?.replayed, 2);
    assert.strictEqual(second.meta.network?.recorded, 0);
    assert.strictEqual(second.meta.endTime, first.meta.endTime, 'the same virtual time: the recorded latencies');
  });

  test('the setting "off" refuses outside hosts even with a recording', async () => {
    const api = await activate();
    const config = vscode.workspace.getConfiguration('asyncTimeline');
    await config.update('network', 'off', vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.commands.executeCommand<CommandOutcome>('asyncTimeline.rerun', program());
      const trace = api.getLastRun(program())!.result!.trace;
      assert.match(consoleText(trace), /^failed: ECONNREFUSED\n$/);
    } finally {
      await config.update('network', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
