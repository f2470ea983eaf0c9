/**
 * Node-shaped errors the simulated built-ins throw (ERR_INVALID_ARG_TYPE and friends), with the
 * `code` property and the `Name [CODE]: message` stack header Node prints.
 */
export function nodeError(Ctor: new (m: string) => Error, code: string, message: string): Error {
  const e = new Ctor(message);
  Object.defineProperty(e, 'code', { value: code, writable: true, enumerable: true, configurable: true });
  const name = e.name;
  // Node shows `TypeError [ERR_X]: msg` in the stack header while `name` stays `TypeError`.
  if (typeof e.stack === 'string') e.stack = e.stack.replace(`${name}: `, `${name} [${code}]: `);
  return e;
}

function describeReceived(v: unknown): string {
  if (v === null || v === undefined) return ` Received ${v}`;
  if (typeof v === 'function') return ` Received function ${v.name || '<anonymous>'}`;
  if (typeof v === 'object') {
    const name = (v as { constructor?: { name?: string } }).constructor?.name;
    return name ? ` Received an instance of ${name}` : ' Received [object]';
  }
  let shown = String(typeof v === 'string' ? `'${v}'` : v);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof v} (${shown})`;
}

export function invalidArgType(name: string, expected: string, actual: unknown): Error {
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type ${expected}.${describeReceived(actual)}`);
}
