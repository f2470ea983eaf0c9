/**
 * `$.evalSource(eval, x)`: the text of a direct eval in a program for a target with `using`
 * (instrument/direct-eval.ts writes the call). The host V8 that runs the sandbox (Node 20 for
 * the CLI, VS Code's Node 22) cannot parse `using`/`await using`, which Node 24/26 evaluate;
 * such a text is lowered by the host (RuntimeHost.lowerEvalSource, instrument/eval-text.ts)
 * with the completion value kept, and the same direct eval runs the lowered script.
 *
 * Anything else is handed back as it is, checked cheapest first: not a string (eval returns
 * it), no `using` in it, an `eval` that is not the realm's own (a local function named `eval`
 * gets its argument untouched), a host that has the syntax.
 */
import { rt } from './state';

/** The realm's %eval%: this runtime is evaluated in the sandbox's context. */
const intrinsicEval = globalThis.eval;
const IntrinsicFunction = Function;
const IntrinsicSyntaxError = SyntaxError;

let hostHasUsing: boolean | undefined;

function hostParsesUsing(): boolean {
  try {
    new IntrinsicFunction('{ using x = null; }');
    return true;
  } catch {
    return false;
  }
}

export function evalSource(callee: unknown, source: unknown): unknown {
  if (typeof source !== 'string' || !source.includes('using') || callee !== intrinsicEval) return source;
  if ((hostHasUsing ??= hostParsesUsing()) || rt.host.lowerEvalSource === undefined) return source;
  const lowered = rt.host.lowerEvalSource(source);
  if (lowered === undefined) return source;
  if ('syntaxError' in lowered) throw new IntrinsicSyntaxError(lowered.syntaxError);
  return lowered.code;
}
