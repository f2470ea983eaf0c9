// Lint: typescript-eslint's recommended rules, plus the zone rules that keep the architecture
// true (see docs/ARCHITECTURE.md): core imports neither `vscode` nor the DOM zones, the webview
// never imports `vscode` or Node, the host never reaches into the webview.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'Only src/extension may import vscode.' };
const zone = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-output/**', 'test/fidelity/programs/**', 'samples/**', 'test/fixtures/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  zone(['src/core/**/*.ts', 'src/cli/**/*.ts'], [
    { group: ['**/extension/**', '**/webview/**'], message: 'core must not import the host or the webview.' },
  ], [noVscode]),
  zone(['src/webview/**/*.ts'], [
    { group: ['**/extension/**', '**/core/engine/**', '**/core/runtime/**', '**/core/instrument/**', 'node:*'], message: 'the webview is DOM only: it may import src/shared and the pure view model / trace format.' },
  ], [noVscode]),
  zone(['src/shared/**/*.ts'], [
    { group: ['**/extension/**', '**/webview/**', 'node:*'], message: 'shared modules are imported by both sides and depend on neither.' },
  ], [noVscode]),
  zone(['src/extension/**/*.ts'], [
    { group: ['**/webview/**'], message: 'the host talks to the webview only through src/shared/protocol.ts.' },
  ]),
);
