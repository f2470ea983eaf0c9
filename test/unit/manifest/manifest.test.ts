/**
 * The manifest's polish: every user-facing string is a `%key%` defined in package.nls.json (and
 * every key there is used), the walkthrough's pages exist and ship in the .vsix, the trace
 * editor and the trace commands are contributed with `when` clauses that hide them where they
 * do not apply.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** Every string under `value` with its JSON path. */
function strings(value: unknown, at = ''): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

const USER_FACING = /(^|\.)(displayName|description|markdownDescription|title|altText)$|markdownEnumDescriptions\[\d+\]$|enumDescriptions\[\d+\]$/;

describe('manifest: package.nls.json and the published extension’s polish', () => {
  it('every user-facing string is a %key% defined in package.nls.json, and every key is used', () => {
    const all = strings({ displayName: pkg.displayName, description: pkg.description, capabilities: pkg.capabilities, contributes: pkg.contributes });
    const facing = all.filter(([p]) => USER_FACING.test(p) && !/\.(command|id|viewType|when|icon)$/.test(p));
    assert.ok(facing.length > 40);
    for (const [p, text] of facing) assert.match(text, /^%[\w.-]+%$/, `${p} is not localizable: "${text}"`);
    for (const c of pkg.contributes.commands) assert.equal(c.category, '%category%', `${c.command}'s category`);
    const used = new Set(all.map(([, t]) => /^%([\w.-]+)%$/.exec(t)?.[1]).filter(Boolean));
    for (const k of used) assert.ok(k! in nls, `%${k}% has no text in package.nls.json`);
    for (const k of Object.keys(nls)) assert.ok(used.has(k), `package.nls.json: "${k}" is not used`);
    assert.equal(nls['command.visualize.title'], 'Visualize concurrency');
  });

  it('marketplace: keywords, gallery banner, categories', () => {
    assert.ok(pkg.keywords.length >= 5 && pkg.keywords.length <= 30);
    assert.ok(pkg.keywords.includes('perfetto'));
    assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
    for (const c of ['Debuggers', 'Visualization', 'Education', 'Testing']) assert.ok(pkg.categories.includes(c));
  });

  it('the walkthrough: its steps, their pages (shipped in the .vsix), the race explorer\'s step names its command', () => {
    const [walk] = pkg.contributes.walkthroughs;
    assert.equal(walk.id, 'gettingStarted');
    assert.deepEqual(walk.steps.map((s: { id: string }) => s.id), ['openSample', 'visualize', 'readTimeline', 'saveShare', 'findRace']);
    const ignore = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\.md$/m);
    assert.match(ignore, /^!package\.nls\.json$/m);
    for (const step of walk.steps) {
      assert.ok(fs.existsSync(path.join(ROOT, step.media.markdown)), step.media.markdown);
      assert.ok(step.completionEvents.length > 0);
    }
    assert.match(nls['walkthrough.findRace.description'], /command:asyncTimeline\.findRaces/);
    assert.match(fs.readFileSync(path.join(ROOT, 'media/walkthrough/find-race.md'), 'utf8'), /--schedule late@1/);
  });

  it('the trace editor and the trace commands, shown only where they apply', () => {
    const [editor] = pkg.contributes.customEditors;
    assert.equal(editor.viewType, 'asyncTimeline.traceFile');
    assert.deepEqual(editor.selector, [{ filenamePattern: '*.async-timeline.json' }]);
    const palette = pkg.contributes.menus.commandPalette as { command: string; when: string }[];
    for (const id of ['asyncTimeline.saveTrace', 'asyncTimeline.openInPerfetto']) {
      assert.match(palette.find((m) => m.command === id)!.when, /activeWebviewPanelId == 'asyncTimeline\.timeline' \|\| activeCustomEditorId == 'asyncTimeline\.traceFile'/);
    }
    const title = pkg.contributes.menus['editor/title'] as { command: string; when: string }[];
    assert.ok(title.some((m) => m.command === 'asyncTimeline.openInPerfetto' && m.when === "activeCustomEditorId == 'asyncTimeline.traceFile'"));
    assert.ok(title.some((m) => m.command === 'asyncTimeline.saveTrace' && m.when === "activeWebviewPanelId == 'asyncTimeline.timeline'"));
  });
});
