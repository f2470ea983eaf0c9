// `npm run test:electron`: the integration suite (test/vscode/suite — the same files
// `npm run test:vscode` runs in code-server) through @vscode/test-electron, in a VS Code desktop
// build that test-electron downloads (version VSCODE_TEST_VERSION, default 1.100.3, the one
// code-server 4.100.3 is) or one already installed (VSCODE_EXECUTABLE=/path/to/code).
//
// Where VS Code's download server cannot be reached (this project's machines and CI), it says
// so within seconds and exits 1 instead of hanging; the CI runner there is `npm run test:vscode`.
// On Linux without a display, run it under `xvfb-run -a npm run test:electron`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const version = process.env.VSCODE_TEST_VERSION ?? '1.100.3';
const executable = process.env.VSCODE_EXECUTABLE;
const DOWNLOAD_HOST = 'https://update.code.visualstudio.com';
const PREFLIGHT_MS = Number(process.env.VSCODE_PREFLIGHT_MS ?? 15000);
const TIMEOUT_MS = Number(process.env.TESTS_TIMEOUT_MS ?? 20 * 60 * 1000);
const say = (text) => console.log(`[test:electron] ${text}`);

function fail(text) {
  console.error(`[test:electron] ${text}`);
  process.exit(1);
}

if (executable) {
  if (!fs.existsSync(executable)) fail(`VSCODE_EXECUTABLE=${executable} does not exist.`);
  say(`using the VS Code at ${executable}`);
} else {
  // test-electron would try the download itself and, on a network that drops packets, wait long:
  // ask first, with a deadline, and explain when it cannot work.
  try {
    const res = await fetch(`${DOWNLOAD_HOST}/api/releases/stable`, { signal: AbortSignal.timeout(PREFLIGHT_MS), method: 'GET' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
  } catch (e) {
    const why = e?.name === 'TimeoutError' ? `no answer within ${PREFLIGHT_MS / 1000} s` : (e?.cause?.code ?? e?.message ?? String(e));
    fail([
      `@vscode/test-electron needs a VS Code desktop build and downloads it from ${DOWNLOAD_HOST}, which this machine cannot reach (${why}).`,
      '  - Where VS Code is installed: VSCODE_EXECUTABLE=/path/to/code npm run test:electron',
      '  - Here: npm run test:vscode runs the same suite (test/vscode/suite) in code-server, a VS Code from the npm registry.',
    ].join('\n'));
  }
}

say('build the extension and the suite');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'test/vscode/build.mjs')], { cwd: root, stdio: 'inherit' });

// The workspace the suite expects, as test/vscode/e2e.sh lays it out: the fixtures plus the samples (a copy: tests edit files).
const run = path.join(root, '.test-output/electron-run');
const ws = path.join(run, 'workspace');
fs.rmSync(run, { recursive: true, force: true });
fs.mkdirSync(path.join(run, 'user/User'), { recursive: true });
fs.mkdirSync(path.join(run, 'ext'), { recursive: true });
fs.cpSync(path.join(root, 'test/fixtures/workspace'), ws, { recursive: true });
fs.cpSync(path.join(root, 'test/vscode/fixtures'), ws, { recursive: true });
fs.cpSync(path.join(root, 'samples'), path.join(ws, 'samples'), { recursive: true });
fs.copyFileSync(path.join(root, 'test/vscode/settings.json'), path.join(run, 'user/User/settings.json'));

const { runTests } = await import('@vscode/test-electron');
say(executable ? 'run the suite' : `download VS Code ${version} (cached in .vscode-test/) and run the suite`);
let timer;
const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS); });
const result = await Promise.race([
  runTests({
    ...(executable ? { vscodeExecutablePath: executable } : { version }),
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out/test/vscode/suite/index'),
    launchArgs: [ws, '--user-data-dir', path.join(run, 'user'), '--extensions-dir', path.join(run, 'ext'),
      '--disable-workspace-trust', '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-gpu'],
  }).then((code) => code, (e) => { console.error(`[test:electron] ${e?.message ?? e}`); return 1; }),
  timeout,
]);
clearTimeout(timer);
if (result === 'timeout') fail(`the suite did not finish within ${TIMEOUT_MS / 60000} min.`);
say(`exit code ${result}`);
process.exit(result);
