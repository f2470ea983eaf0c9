/**
 * The durations a test reporter prints, masked: what two runs of one test must share to have the
 * same outcome. A test's outcome is whether it passed and what it said; how long it took in
 * virtual time moves with every late timer, so the race explorer (src/core/explore) compares
 * test runs with their durations masked, or a test that passes 1 ms later would count as a race.
 * Kept apart from tests.ts, which loads the `typescript` package. Pure.
 *
 * What is masked (each line-anchored, so a test's own output is left alone unless it prints
 * exactly a reporter's shape):
 * - node:test's spec reporter: `✔ name (5ms)`, `✖ name (5.2ms)`, `▶ suite (12ms)`, `ℹ duration_ms 5`;
 * - node:test's TAP reporter: `duration_ms: 5` in a test's YAML block, `# duration_ms 5`;
 * - mocha's spec reporter: a slow test's `✔ name (120ms)`, the summary's `3 passing (1s)`
 *   (mocha formats durations with the `ms` package: ms, s, m, h, d).
 */
const REPORTER_DURATIONS: readonly [RegExp, string][] = [
  [/ \(\d+(?:\.\d+)?(?:ms|s|m|h|d)\)$/gm, ' (#ms)'],
  [/^(\s*(?:ℹ |# )?duration_ms:? )\d+(?:\.\d+)?$/gm, '$1#'],
];

export function maskTestDurations(text: string): string {
  let masked = text;
  for (const [pattern, replacement] of REPORTER_DURATIONS) masked = masked.replace(pattern, replacement);
  return masked;
}
