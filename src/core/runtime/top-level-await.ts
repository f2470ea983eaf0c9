/**
 * The top-level-await bodies of ES modules (the entry's `$.tla(body, site)`, and each module of
 * a graph run by runtime/modules.ts), kept so that the end of a run can say where a body that
 * never settled is suspended: Node 22+ prints, after the 'exit' listeners, for every module of
 * the graph still waiting in its own top-level await,
 *
 *   Warning: Detected unsettled top-level await at file:///app/main.mjs:6
 *   await new Promise(() => {});
 *   ^
 *   (three empty lines)
 *
 * (Node 20 exits with code 13 and prints nothing; checked against node22/24/26, fidelity
 * programs esm-tla-unsettled*.mjs.)
 */
import { runModuleBody, type AsyncFunctionDriver } from './drivers/async-function';
import { PENDING, promiseState, type PromiseImpl } from './promise';
import { rt } from './state';

type Body = (...args: unknown[]) => Generator<unknown, unknown, unknown>;

/** Every module body with a top-level await the run started, in the order they started. */
const bodies: AsyncFunctionDriver[] = [];

/** Runs one ES module's top-level-await body as an async function; its promise is the module's evaluation. */
export function runTopLevelAwait(body: Body, site: number): PromiseImpl {
  const driver = runModuleBody(body, site);
  bodies.push(driver);
  return driver.promise;
}

/** Node 22+'s warnings for the bodies still suspended in their own await ('' when none, or when a place is unknown). */
export function unsettledTopLevelAwaitWarnings(): string {
  let out = '';
  for (const driver of bodies) {
    if (promiseState(driver.promise) !== PENDING) continue;
    const site = rt.rec.sites[driver.awaitSite];
    if (site === undefined || driver.awaitSite === 0) continue;
    const header = rt.host.sourceHeaderAt?.(rt.rec.files[site.file], site.line, site.column) ?? '';
    if (header !== '') out += `Warning: Detected unsettled top-level await at ${header}\n\n\n`;
  }
  return out;
}
