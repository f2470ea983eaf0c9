/**
 * Node-shaped errors the simulated built-ins throw (ERR_INVALID_ARG_TYPE and friends), with the
 * `code` property and the `Name [CODE]: message` stack header Node prints.
 */
import { rt } from './state';

export function nodeError(Ctor: new (m: string) => Error, code: string, message: string): Error {
  const e = new Ctor(message);
  Object.defineProperty(e, 'code', { value: code, writable: true, enumerable: true, configurable: true });
  const name = e.name;
  // Node shows `TypeError [ERR_X]: msg` in the stack header while `name` stays `TypeError`.
  if (typeof e.stack === 'string') e.stack = e.stack.replace(`${name}: `, `${name} [${code}]: `);
  return e;
}

/** " Received " + Node 20.20's determineSpecificType (lib/internal/errors.js). */
function describeReceived(v: unknown): string {
  return ` Received ${determineSpecificType(v)}`;
}

function determineSpecificType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  const type = typeof value;
  switch (type) {
    case 'bigint':
      return `type bigint (${String(value)}n)`;
    case 'number': {
      const n = value as number;
      if (n === 0) return 1 / n === -Infinity ? 'type number (-0)' : 'type number (0)';
      return `type number (${String(n)})`;
    }
    case 'boolean':
      return value ? 'type boolean (true)' : 'type boolean (false)';
    case 'symbol':
      return `type symbol (${String(value)})`;
    case 'function':
      return `function ${String((value as { name?: unknown }).name)}`;
    case 'object': {
      const ctor = (value as { constructor?: unknown }).constructor;
      // As Node: a truthy primitive `constructor` makes the `in` throw.
      if (ctor && 'name' in (ctor as object)) return `an instance of ${String((ctor as { name?: unknown }).name)}`;
      return inspect(value, { depth: -1 });
    }
    case 'string': {
      let str = value as string;
      if (str.length > 28) str = `${str.slice(0, 25)}...`;
      if (!str.includes("'")) return `type string ('${str}')`;
      return `type string (${JSON.stringify(str)})`;
    }
    default: {
      let shown = inspect(value, { colors: false });
      if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
      return `type ${type} (${shown})`;
    }
  }
}

function inspect(v: unknown, options: object): string {
  const host = rt.host as typeof rt.host | undefined;
  if (host !== undefined) return host.inspect(v, options);
  return String(v);
}

export function invalidArgType(name: string, expected: string, actual: unknown): Error {
  return invalidArgTypeOf(name, `of type ${expected}`, actual);
}

/** ERR_INVALID_ARG_TYPE with the expectation as Node words it ("of type function or null", "a MessagePort instance"). */
export function invalidArgTypeOf(name: string, expected: string, actual: unknown): Error {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}.${describeReceived(actual)}`);
}
