/**
 * The imitated Node line: reading version texts and engines ranges, finding the nearest version
 * file, probing the `node` on PATH, clamping unsupported lines (with the notice), `--node`, and the
 * per-line process facts checked against the real builds.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, UsageError } from '../../../src/cli/args';
import { admittedMajors, majorOfEnginesRange } from '../../../src/core/versions/engines-range';
import { probePathNode } from '../../../src/core/versions/path-node';
import { processFacts } from '../../../src/core/versions/process-facts';
import { nearestSupported, parseNodeChoice, resolveNodeTarget } from '../../../src/core/versions/resolve-target';
import { SUPPORTED_NODE_MAJORS } from '../../../src/core/versions/targets';
import { majorOfVersionText } from '../../../src/core/versions/version-text';
import { findVersionFile } from '../../../src/core/versions/workspace-files';
import { CLI, distReady } from '../engine/helpers';

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-versions-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A directory whose only `node` prints `version` (POSIX shells only). */
function fakeNodeDir(version: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-fake-node-'));
  fs.writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho ${version}\n`, { mode: 0o755 });
  return dir;
}

const noNode = async () => undefined;

describe('versions: what a version text names', () => {
  it('reads node --version, .nvmrc and .node-version lines', () => {
    assert.equal(majorOfVersionText('v22.3.0\n'), 22);
    assert.equal(majorOfVersionText('22'), 22);
    assert.equal(majorOfVersionText('20.11'), 20);
    assert.equal(majorOfVersionText('18.x'), 18);
    assert.equal(majorOfVersionText('  24.1.0  # the team uses this\n'), 24);
    assert.equal(majorOfVersionText('\n\nv26.0.0-rc.1\n'), 26);
  });
  it('reads nvm aliases: LTS code names, lts/* and node as the newest line', () => {
    assert.equal(majorOfVersionText('lts/jod'), 22);
    assert.equal(majorOfVersionText('lts/Iron'), 20);
    assert.equal(majorOfVersionText('lts/krypton'), 24);
    assert.equal(majorOfVersionText('lts/hydrogen'), 18);
    assert.equal(majorOfVersionText('lts/*'), 26);
    assert.equal(majorOfVersionText('node'), 26);
  });
  it('names nothing for system, unknown names and empty files', () => {
    for (const text of ['system', 'iojs', 'lts/unknownname', '', '# only a comment', 'twenty']) assert.equal(majorOfVersionText(text), undefined, text);
  });
});

describe('versions: engines.node ranges', () => {
  const cases: [string, number | undefined][] = [
    ['>=20', 26], ['>= 20', 26], ['>=18', 26], ['*', 26], ['', 26], ['x', 26],
    ['^20.11.0', 20], ['20.x', 20], ['<=20', 20], ['~20.9', 20], ['20', 20],
    ['20.x || 22.x', 22], ['^20.19.0 || >=22.12.0 <23', 22], ['>=18 <23', 22], ['18 - 22', 22], ['18 - 22.1', 22],
    ['~24.1', 24], ['>=24.0.0-0', 26], ['>20.0.0', 26], ['>20', 26], ['~> 24.1', 24],
    // no supported line admitted: the admitted major nearest to them (the caller clamps it)
    ['^18', 18], ['<20', 19], ['>=27', 27], ['^21', 21], ['16 || 18', 18],
    // admits nothing, or does not parse
    ['>=22 <20', undefined], ['garbage', undefined], ['>=20 <', undefined],
  ];
  for (const [range, major] of cases) {
    it(`"${range}" → ${major}`, () => assert.equal(majorOfEnginesRange(range), major));
  }
  it('admits a line when some version of it satisfies the range', () => {
    assert.deepEqual(admittedMajors('>20.99.99 <22'), [20, 21]);
    assert.deepEqual(admittedMajors('^0.12.0'), [0]);
    assert.deepEqual(admittedMajors('1.2.3 - 3'), [1, 2, 3]);
  });
});

describe('versions: the nearest version file', () => {
  it('walks up from the folder; the nearest file wins', () => {
    const root = tempTree({ '.nvmrc': 'lts/iron\n', 'app/package.json': JSON.stringify({ engines: { node: '>=22 <24' } }), 'app/src/deep/x.ts': '' });
    const found = findVersionFile(path.join(root, 'app/src/deep'));
    assert.equal(found?.major, 22);
    assert.equal(found?.file, path.join(root, 'app/package.json'));
    assert.equal(found?.text, '>=22 <24');
    assert.equal(findVersionFile(root)?.major, 20);
  });
  it('in one folder: .nvmrc, then .node-version, then package.json', () => {
    const root = tempTree({ '.nvmrc': '24', '.node-version': '22.1.0', 'package.json': '{"engines":{"node":"^20"}}' });
    assert.equal(findVersionFile(root)?.major, 24);
    fs.rmSync(path.join(root, '.nvmrc'));
    assert.equal(findVersionFile(root)?.major, 22);
    fs.rmSync(path.join(root, '.node-version'));
    assert.equal(findVersionFile(root)?.major, 20);
  });
  it('passes over files that name nothing (system, no engines, broken JSON) and goes on up', () => {
    const root = tempTree({ '.node-version': '22', 'a/.nvmrc': 'system\n', 'a/b/package.json': '{"name":"x"}', 'a/b/c/package.json': '{ broken' });
    assert.equal(findVersionFile(path.join(root, 'a/b/c'))?.major, 22);
  });
});

describe('versions: the node on PATH', () => {
  it('runs node --version in the folder', async () => {
    const found = await probePathNode(os.tmpdir(), process.env, process.execPath);
    assert.equal(found?.version, process.version);
    assert.equal(found?.major, Number(process.versions.node.split('.')[0]));
  });
  it('finds `node` through PATH (a version manager shim answers for the folder)', async function () {
    if (process.platform === 'win32') this.skip();
    const found = await probePathNode(os.tmpdir(), { ...process.env, PATH: fakeNodeDir('v18.19.0') });
    assert.deepEqual(found, { version: 'v18.19.0', major: 18 });
  });
  it('asks a real Node executable once (the same file answers the same), a shim every time', async function () {
    if (process.platform === 'win32') this.skip();
    // A `node` that logs each start, padded past the size of a real Node (the shell stops reading at `exit`).
    const counted = (version: string, padBytes: number): { dir: string; starts: () => number } => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-counted-node-'));
      const log = path.join(dir, 'starts.log');
      fs.writeFileSync(path.join(dir, 'node'), `#!/bin/sh\necho x >> '${log}'\necho ${version}\nexit 0\n${'#'.repeat(padBytes)}\n`, { mode: 0o755 });
      return { dir, starts: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').length - 1 : 0) };
    };
    const real = counted('v24.1.0', 21 * 1024 * 1024);
    const env = { ...process.env, PATH: real.dir };
    assert.deepEqual(await probePathNode(os.tmpdir(), env), { version: 'v24.1.0', major: 24 });
    assert.deepEqual(await probePathNode(os.tmpdir(), env), { version: 'v24.1.0', major: 24 });
    assert.equal(real.starts(), 1, 'asked once');
    // Replaced (another size, another mtime): asked again.
    fs.writeFileSync(path.join(real.dir, 'node'), fs.readFileSync(path.join(real.dir, 'node'), 'utf8').replace('v24.1.0', 'v26.0.0') + '#\n', { mode: 0o755 });
    assert.deepEqual(await probePathNode(os.tmpdir(), env), { version: 'v26.0.0', major: 26 });
    assert.equal(real.starts(), 2);
    // A shim (small, or named otherwise after its links) answers for the folder: always asked.
    const shim = counted('v22.0.0', 0);
    const shimEnv = { ...process.env, PATH: shim.dir };
    await probePathNode(os.tmpdir(), shimEnv);
    await probePathNode(os.tmpdir(), shimEnv);
    assert.equal(shim.starts(), 2);
  });
  it('is undefined without a node, or when it prints something else', async function () {
    if (process.platform === 'win32') this.skip();
    assert.equal(await probePathNode(os.tmpdir(), { ...process.env, PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'at-empty-')) }), undefined);
    assert.equal(await probePathNode(os.tmpdir(), { ...process.env, PATH: fakeNodeDir('not-a-version') }), undefined);
  });
});

describe('versions: choosing the target', () => {
  it('nearest supported line: 20 below, 26 above, an odd line the even line after it', () => {
    assert.deepEqual([16, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 30].map(nearestSupported), [20, 20, 20, 20, 22, 22, 24, 24, 26, 26, 26, 26]);
  });
  it('an explicit line wins without asking PATH', async () => {
    let asked = false;
    const t = await resolveNodeTarget(24, { cwd: os.tmpdir() }, async () => { asked = true; return { version: 'v20.1.0', major: 20 }; });
    assert.deepEqual(t, { major: 24, source: 'chosen' });
    assert.equal(asked, false);
  });
  it('auto: the node on PATH first, then the version files', async () => {
    const root = tempTree({ '.nvmrc': '24\n', 'src/main.ts': '' });
    const viaPath = await resolveNodeTarget('auto', { cwd: root, file: 'src/main.ts' }, async () => ({ version: 'v22.3.0', major: 22 }));
    assert.deepEqual(viaPath, { major: 22, source: 'node v22.3.0 on PATH' });
    const viaFile = await resolveNodeTarget(undefined, { cwd: root, file: 'src/main.ts' }, noNode);
    assert.equal(viaFile.major, 24);
    assert.match(viaFile.source, /^\.nvmrc "24" in /);
    assert.equal(viaFile.notice, undefined);
  });
  it('auto without node or files: Node 26', async function () {
    const root = tempTree({ 'main.ts': '' });
    if (findVersionFile(root)) this.skip(); // a version file above the temp folder on this machine
    assert.deepEqual(await resolveNodeTarget('auto', { cwd: root, file: 'main.ts' }, noNode), { major: 26, source: 'default' });
  });
  it('a line we do not imitate: the nearest one, and a notice that says so', async () => {
    const old = await resolveNodeTarget('auto', { cwd: os.tmpdir() }, async () => ({ version: 'v18.19.0', major: 18 }));
    assert.equal(old.major, 20);
    assert.equal(old.notice, 'Node 18 (node v18.19.0 on PATH) is older than the oldest line async-timeline imitates (20, 22, 24, 26): imitating Node 20 instead.');
    const newer = await resolveNodeTarget('auto', { cwd: os.tmpdir() }, async () => ({ version: 'v27.0.0', major: 27 }));
    assert.equal(newer.major, 26);
    assert.match(newer.notice!, /^Node 27 \(node v27\.0\.0 on PATH\) is newer than the newest line .*: imitating Node 26 instead\.$/);
    const odd = await resolveNodeTarget('auto', { cwd: os.tmpdir() }, async () => ({ version: 'v23.11.0', major: 23 }));
    assert.equal(odd.major, 24);
    assert.match(odd.notice!, /Node 23 .* is not a line async-timeline imitates/);
    const root = tempTree({ 'package.json': '{"engines":{"node":"^16"}}' });
    const engines = await resolveNodeTarget('auto', { cwd: root }, noNode);
    assert.equal(engines.major, 20);
    assert.match(engines.notice!, /^Node 16 \(engines\.node "\^16" in .*package\.json\) is older/);
  });
  it('--node and the setting accept 20, 22, 24, 26 and auto only', () => {
    assert.deepEqual(['20', '22', '24', '26', 'auto'].map(parseNodeChoice), [20, 22, 24, 26, 'auto']);
    for (const bad of ['18', '21', 'v22', '22.1', '', 'latest', 'AUTO']) assert.equal(parseNodeChoice(bad), undefined, bad);
  });
});

describe('versions: --node', () => {
  it('parses a line or auto', () => {
    assert.equal(parseArgs(['run', 'x.ts', '--node', '22']).node, 22);
    assert.equal(parseArgs(['run', 'x.ts', '--node=26']).node, 26);
    assert.equal(parseArgs(['run', 'x.ts', '--node', 'auto']).node, 'auto');
    assert.equal(parseArgs(['run', 'x.ts']).node, undefined);
    assert.equal(parseArgs(['compare', 'a.ts', 'b.ts', '--node', '20']).node, 20);
  });
  it('an unknown value lists the supported ones', () => {
    for (const bad of ['18', '21', 'v22', 'latest']) {
      assert.throws(() => parseArgs(['run', 'x.ts', '--node', bad]), (e: unknown) =>
        e instanceof UsageError && e.message === `--node: '${bad}' is not a supported Node version (supported: 20, 22, 24, 26, auto)`);
    }
    assert.throws(() => parseArgs(['run', 'x.ts', '--node']), /--node needs a value/);
  });
  it('is not an option of view', () => {
    assert.throws(() => parseArgs(['view', 't.json', '--html', 'o.html', '--node', '22']), /--node is an option of 'run'/);
  });
});

describe('versions: process facts of each line', () => {
  for (const major of SUPPORTED_NODE_MAJORS) {
    it(`Node ${major}: process.versions and process.release are the real build's`, function () {
      const bin = path.resolve(__dirname, `../../nodes/node_modules/node${major}/bin/node`);
      if (!fs.existsSync(bin)) this.skip();
      const real = JSON.parse(execFileSync(bin, ['-p', 'JSON.stringify({ versions: process.versions, release: process.release })'], { encoding: 'utf8' }));
      const facts = processFacts(major);
      assert.deepEqual({ ...facts.versions }, real.versions);
      assert.deepEqual(facts.release, real.release);
    });
  }
});

describe('versions: the CLI end to end', function () {
  this.timeout(60_000);
  before(function () {
    if (!distReady()) this.skip();
  });
  const program = "console.log(process.version, process.versions.node, process.release.lts ?? 'no lts');\n";
  const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) => spawnSync(process.execPath, [CLI, ...args], { cwd, env, encoding: 'utf8' });

  it('--node 22: the program sees Node 22, the summary and the trace say so', () => {
    const dir = tempTree({ 'v.js': program });
    const r = cli(['run', 'v.js', '--node', '22', '--summary', '--trace', 't.json'], dir);
    assert.equal(r.stdout, 'v22.23.5 22.23.5 Jod\n');
    assert.match(r.stderr, / · Node 22\n$/);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 't.json'), 'utf8')).meta.nodeMajor, 22);
    assert.equal(cli(['run', 'v.js', '--node', '26'], dir).stdout, 'v26.12.1 26.12.1 no lts\n');
  });
  it('auto with an unsupported node on PATH: a notice on stderr, the nearest line', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempTree({ 'v.js': program });
    const r = cli(['run', 'v.js', '--summary'], dir, { ...process.env, PATH: fakeNodeDir('v18.20.4') });
    assert.equal(r.stdout, 'v20.20.2 20.20.2 Iron\n');
    assert.match(r.stderr, /^async-timeline: Node 18 \(node v18\.20\.4 on PATH\) is older than the oldest line async-timeline imitates \(20, 22, 24, 26\): imitating Node 20 instead\. Choose one with --node\.\n/);
    assert.equal(r.status, 0);
  });
  it('auto without node on PATH: the .nvmrc', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempTree({ '.nvmrc': 'lts/krypton\n', 'src/v.js': program });
    const r = cli(['run', 'src/v.js'], dir, { ...process.env, PATH: fs.mkdtempSync(path.join(os.tmpdir(), 'at-empty-')) });
    assert.equal(r.stdout, 'v24.22.3 24.22.3 Krypton\n');
    assert.equal(r.stderr, '');
  });
  it('a bad --node value: exit 2 and the supported values', () => {
    const r = cli(['run', 'x.js', '--node', '19'], os.tmpdir());
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^async-timeline: --node: '19' is not a supported Node version \(supported: 20, 22, 24, 26, auto\)\n/);
  });
});
