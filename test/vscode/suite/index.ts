/**
 * Entry of the integration suite, loaded by VS Code's extension host (the
 * @vscode/test-electron contract: `extensionTestsPath` points at a module exporting `run()`;
 * a rejected promise fails the run). The same file serves test-electron where VS Code can be
 * downloaded and code-server here (test/vscode/run-tests.mjs).
 *
 * The suite is bundled by test/vscode/build.mjs into one file, so test files cannot be found by
 * glob at run time: they are imported here, after mocha has put its `suite`/`test` globals in place.
 */
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // ASYNC_TIMELINE_SUITE_GREP (in code-server's environment): only the tests whose title matches, for a developer's quick re-run.
  const grep = process.env.ASYNC_TIMELINE_SUITE_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30000, reporter: 'spec', ...(grep && { grep }) });
  // Defines suite/test/setup/... on globalThis, as `mocha.loadFiles` would before requiring a file.
  mocha.suite.emit('pre-require', globalThis, 'async-timeline-suite', mocha);
  await import('./activation.test.js');
  await import('./codeLens.test.js');
  await import('./webview.test.js');
  await import('./trust.test.js');
  await import('./summary.test.js');
  await import('./run.test.js');
  await import('./samples.test.js');
  await import('./compare.test.js');
  await import('./panel.test.js');
  await import('./traces.test.js');
  await import('./testLens.test.js');
  await import('./analysis.test.js');
  await import('./findRaces.test.js');
  await import('./network.test.js');
  await import('./clickToTimeline.test.js');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
