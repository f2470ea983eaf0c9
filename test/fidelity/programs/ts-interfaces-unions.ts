// TypeScript: interfaces, discriminated unions and type guards over settled results.
export {};
interface Ok<T> { kind: 'ok'; value: T }
interface Err { kind: 'err'; reason: string }
type Result<T> = Ok<T> | Err;
async function attempt<T>(f: () => Promise<T>): Promise<Result<T>> {
  try {
    return { kind: 'ok', value: await f() };
  } catch (e: unknown) {
    return { kind: 'err', reason: typeof e === 'string' ? e : 'unknown' };
  }
}
function isOk<T>(r: Result<T>): r is Ok<T> {
  return r.kind === 'ok';
}
(async () => {
  const results = await Promise.all([
    attempt(async () => 1),
    attempt<number>(async () => { throw 'bad input'; }),
    attempt(() => Promise.resolve(3)),
  ]);
  for (const r of results) console.log(isOk(r) ? `ok ${r.value}` : `err ${r.reason}`);
})();
