// import() of built-in modules inside the sandbox (timers/promises, path), with top-level await.
const { setTimeout: sleep } = await import('node:timers/promises');
await sleep(10);
console.log('slept');
const m = await import('node:path');
console.log(typeof m.join, typeof m.default.join);
