// node: 20
// (Node 22+ refuses this file: it strips types only, and this syntax needs a transform —
// ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX. The simulator still runs it on those targets: not modelled yet.)
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
