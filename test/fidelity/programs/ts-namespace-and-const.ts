// Node 22+ refuses this file before it runs (it strips types only, and this syntax needs a
// compiler): SyntaxError [ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX], exit 1 — the simulator too
// (engine/strip-types.ts). On Node 20 it runs compiled.
// TypeScript: namespaces, as const, satisfies, optional chaining and nullish coalescing.
export {};
namespace Util {
  export const delays = { short: 10, long: 30 } as const;
  export async function wait(ms: number): Promise<number> {
    await new Promise<void>((r) => setTimeout(r, ms));
    return ms;
  }
}
type Config = { name?: string; retries?: number };
const cfg = { name: 'svc' } satisfies Config;
const maybe: Config | undefined = Math.random() > 2 ? cfg : undefined;
(async () => {
  console.log(await Util.wait(Util.delays.long), 'long');
})();
(async () => {
  console.log(await Util.wait(Util.delays.short), 'short');
  console.log(maybe?.name ?? 'no name', cfg.name, maybe?.retries ?? 0);
})();
