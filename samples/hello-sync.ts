// Hello World, blocking: the same three count() calls, but the sleep blocks the thread
// (Atomics.wait is Node's synchronous sleep). Nothing else can run meanwhile: 3.00 s in all.

function blockingSleep(ms: number): void {
  // Waits on a value that never changes, so it always times out after `ms`.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

async function count(): Promise<void> {
  console.log('One');
  blockingSleep(1000); // blocking: the whole event loop stops here for 1 s
  console.log('Two');
}

async function main(): Promise<void> {
  const start = performance.now();
  await Promise.all([count(), count(), count()]);
  const elapsed = (performance.now() - start) / 1000;
  console.log(`executed in ${elapsed.toFixed(2)} seconds.`);
}

main();
