// Node 22+ refuses this file before it runs (it strips types only, and this syntax needs a
// compiler): SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX], exit 1 — the simulator too
// (engine/strip-types.ts). On Node 20 it runs compiled.
// TypeScript: a custom Error subclass thrown across awaits, caught and then rethrown unhandled.
export {};
class AppError extends Error {
  constructor(message: string, public code: number) {
    super(message);
    this.name = 'AppError';
  }
}
async function fail(): Promise<never> {
  await null;
  throw new AppError('typed failure', 7);
}
(async () => {
  try {
    await fail();
  } catch (e) {
    if (e instanceof AppError) console.log(`caught ${e.name} code=${e.code}`);
  }
  await fail();
})();
