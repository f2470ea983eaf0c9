/**
 * V8's own early errors for a JavaScript file, before it is instrumented.
 *
 * TypeScript's parser (the instrumenter's) reports syntax errors but not every early error of the
 * spec: `await` in an async function's parameter defaults, `for await (const x = 1 of …)`,
 * `let` followed by `[` on a new line in a for-await head, and so on. Instrumented, such code
 * becomes valid JavaScript and would run. So a JavaScript file is first compiled (never run) the
 * way Node compiles a CommonJS module — a function with the module wrapper's parameters — and a
 * SyntaxError is reported with V8's message at V8's place.
 *
 * An ES module does not compile as a function body (import/export, top-level await); errors that
 * only say so are not errors of the file, and it is left to the instrumenter.
 */
import vm from 'node:vm';

export interface EarlyError {
  message: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

/** What V8 says when the text is a module, not a script (then the check does not apply). */
const MODULE_ONLY = [
  /^Cannot use import statement outside a module/,
  /^Unexpected token 'export'/,
  /^await is only valid in async functions and the top level bodies of modules/,
  /^Cannot use 'import\.meta' outside a module/,
];

const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'];

export function v8EarlyError(text: string, filename: string, isModule: boolean): EarlyError | undefined {
  try {
    vm.compileFunction(text.replace(/^#!.*/, ''), WRAPPER_PARAMS, { filename });
    return undefined;
  } catch (e) {
    if (!(e instanceof SyntaxError) && (e as Error)?.name !== 'SyntaxError') return undefined;
    const message = String((e as Error).message);
    if (isModule || MODULE_ONLY.some((re) => re.test(message))) return undefined;
    // Node puts "file:line\nsource line\n   ^^^\n" first in a compile error's stack.
    const lines = String((e as Error).stack ?? '').split('\n');
    const at = /:(\d+)$/.exec(lines[0] ?? '');
    const caret = (lines[2] ?? '').indexOf('^');
    if (!at) return { message, line: 1, column: 1 };
    return { message, line: Number(at[1]), column: caret >= 0 ? caret + 1 : 1 };
  }
}
