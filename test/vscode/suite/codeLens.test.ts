import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { findAsyncFunctions } from '../../../src/extension/asyncFunctions';
import { argumentsPrompt } from '../../../src/extension/entries';
import { activate, open, wsFile } from './util';

const LENS = '▶ Visualize concurrency';

async function lensesOf(relative: string): Promise<vscode.CodeLens[]> {
  // The second argument makes VS Code resolve the lenses (fill in their commands).
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', wsFile(relative), 100)) ?? [];
}

suite('CodeLens', () => {
  suiteSetup(async () => {
    await activate();
  });

  test('"▶ Visualize concurrency" above every async function that can be an entry; none on methods and nested functions', async () => {
    const editor = await open('lenses.ts');
    const ours = (await lensesOf('lenses.ts')).filter((l) => l.command?.title === LENS);
    const lines = ours.map((l) => editor.document.lineAt(l.range.start.line).text.trim());
    assert.deepStrictEqual(lines, [
      'export async function exported(): Promise<void> {}',
      'async function local(n: number): Promise<number> {',
      'const arrow = async () => {};',
      'export const exportedArrow = async (x: string) => x;',
      'async function* agen() {',
    ]);
    for (const l of ours) assert.strictEqual(l.command?.command, 'asyncTimeline.visualizeFunction');
  });

  test('a function the top level already calls: the lens says it runs the whole file', async () => {
    const editor = await open('samples/hello-async.ts');
    const lenses = await lensesOf('samples/hello-async.ts');
    const main = lenses.find((l) => editor.document.lineAt(l.range.start.line).text.includes('async function main'));
    assert.strictEqual(main?.command?.title, '▶ Visualize concurrency: whole file');
    assert.match(main?.command?.tooltip ?? '', /top level already calls main\(\)/);
  });

  test('the argument prompt shows the parameters with their types and a typed template', () => {
    const [greet] = findAsyncFunctions('export async function greet(name: string, times: number, opt?: boolean) {}\n', 'g.ts');
    const prompt = argumentsPrompt(greet, undefined);
    assert.strictEqual(prompt.title, 'Arguments for greet(name: string, times: number, opt?: boolean)');
    assert.strictEqual(prompt.value, '["", 0]');
    assert.strictEqual(prompt.placeHolder, '[name, times, opt]');
    assert.strictEqual(argumentsPrompt(greet, '["Ada", 2]').value, '["Ada", 2]', 'the last value is remembered');
  });

  test('the parser decides which functions can be entries', () => {
    const fns = findAsyncFunctions(
      'export async function a() {}\nasync function b(x: number) {}\nconst c = async () => {};\nlet d = async () => {};\nclass K { async m() {} }\nexport { c as see };\n',
      'x.ts');
    const byName = Object.fromEntries(fns.map((f) => [f.name, f]));
    assert.deepStrictEqual([byName.a.entryName, byName.a.exported], ['a', true]);
    assert.deepStrictEqual([byName.b.entryName, byName.b.exported, byName.b.hasParams], ['b', false, true]);
    assert.deepStrictEqual([byName.c.entryName, byName.c.exported], ['see', true]);
    assert.strictEqual(byName.d.entryName, undefined, 'a `let` can be reassigned: not an entry');
    assert.strictEqual(byName['K.m'].entryName, undefined);
    const called = findAsyncFunctions('async function main() {}\nasync function other() {}\nmain().catch(console.error);\n', 'y.ts');
    assert.deepStrictEqual(called.map((f) => f.calledAtTopLevel), [true, false]);
  });

  test('the setting turns the lenses off', async () => {
    const config = vscode.workspace.getConfiguration('asyncTimeline');
    await config.update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await open('lenses.ts');
      const ours = (await lensesOf('lenses.ts')).filter((l) => l.command?.title === LENS);
      assert.strictEqual(ours.length, 0);
    } finally {
      await config.update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
