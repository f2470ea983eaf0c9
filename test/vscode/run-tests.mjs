// Runs the integration suite inside code-server's real extension host (VS Code 1.100.3),
// opened by headless Chromium. The workbench loads the extension from EXT_DEV_PATH and the
// suite from EXT_TESTS_PATH (the @vscode/test-electron contract), then calls
// `codeAutomationExit(code)`; `codeAutomationLog` carries the suite's output.
// Adapted from /work/shared/vscode-e2e/run-tests.mjs.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';

const base = process.env.CS_BASE ?? 'http://127.0.0.1:8080';
const authority = new URL(base).host; // the remote authority is the page's host:port
const { EXT_DEV_PATH: devPath, EXT_TESTS_PATH: testsPath, WORKSPACE: folder } = process.env;
const outDir = process.env.OUT_DIR ?? '.test-output/screenshots';
// A cap for a hung suite, not a target: the suite takes ~5 min on an idle machine, and the
// Find-races tests alone take 25–80 s with the machine's load.
const timeoutMs = Number(process.env.TESTS_TIMEOUT_MS ?? 900000);
const payload = [
  ['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
  ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
];
const url = `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-chrome-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1400, height: 850 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = context.pages()[0] ?? await context.newPage();
let exitCode = 1;
const done = new Promise((resolve) => {
  void page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = format(...(Array.isArray(args) ? args : [args]));
    // The host's own chatter (sockets, tokens, built-in extension scans) is noise here.
    if (!/Creating a socket|connection token|builtin extensions/.test(text)) console.log(text);
  });
  void page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; resolve(); });
});
if (process.env.VERBOSE) page.on('console', (m) => console.log('[console]', m.text()));
let timer;
const timeout = new Promise((resolve) => {
  timer = setTimeout(async () => {
    console.log(`TIMEOUT after ${timeoutMs / 1000} s`);
    fs.mkdirSync(outDir, { recursive: true });
    await page.screenshot({ path: path.join(outDir, 'vscode-tests-timeout.png') }).catch(() => {});
    exitCode = 124;
    resolve();
  }, timeoutMs);
});
await page.goto(url);
await Promise.race([done, timeout]);
clearTimeout(timer);
await context.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
console.log('extension tests exit code:', exitCode);
process.exit(exitCode);
