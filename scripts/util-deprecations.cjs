// Prints the util functions a real Node wraps with a runtime deprecation (src/core/versions/util-deprecations.ts):
//   test/nodes/node_modules/node22/bin/node scripts/util-deprecations.cjs
const s = process.binding('natives')['util'];
const i = s.indexOf('module.exports = {');
const body = s.slice(i, s.indexOf('\n};', i));
const re = /(\w+): (?:internalD|d)eprecate\(\s*([\w.]+),\s*((?:(?:'[^']*'|`[^`]*`)\s*\+?\s*)+),\s*'(DEP\d+)'\s*\)/g;
const out = {};
for (const m of body.matchAll(re)) out[m[1]] = [eval(m[3].trim().replace(/\+\s*$/, '')), m[4]];
console.log(JSON.stringify(out));
