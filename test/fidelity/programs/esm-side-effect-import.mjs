// Node runs every module it imports and every call it meets: a package's "sideEffects": false
// (./esm-side-effects-free/package.json) and a /* @__PURE__ */ comment are hints for bundlers that
// tree-shake, not for Node. (vitest's bin is `import './dist/cli.js'` in such a package.)
import './esm-side-effects-free/announce.mjs';

function announce(what) {
  console.log('called:', what);
  return what;
}
const dropped = /* @__PURE__ */ announce('a pure-annotated call whose result is unused');
console.log('entry runs');
