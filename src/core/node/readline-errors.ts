/**
 * The few parts of Node 20's lib/internal/errors.js and lib/internal/validators.js that
 * readline (readline*.ts) and the file streams (fs-streams.ts) throw, made in the sandbox's realm:
 * Node's codes, classes (TypeError, RangeError, Error), message texts, an own enumerable `code`,
 * and the `Name [CODE]: message` head of the stack Node's prepareStackTrace gives its own errors.
 * `AbortError` is Node's (a plain Error named AbortError with code ABORT_ERR).
 */
import { real } from './host';

const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
const classRegExp = /^[A-Z][a-zA-Z0-9]*$/;

function inspect(value: unknown, options?: object): string {
  return real('util').inspect(value, options) as string;
}

function formatList(array: string[], type = 'and'): string {
  switch (array.length) {
    case 0: return '';
    case 1: return `${array[0]}`;
    case 2: return `${array[0]} ${type} ${array[1]}`;
    case 3: return `${array[0]}, ${array[1]}, ${type} ${array[2]}`;
    default: return `${array.slice(0, -1).join(', ')}, ${type} ${array[array.length - 1]}`;
  }
}

function determineSpecificType(value: any): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  switch (typeof value) {
    case 'bigint': return `type bigint (${value}n)`;
    case 'number':
      if (value === 0) return 1 / value === -Infinity ? 'type number (-0)' : 'type number (0)';
      if (value !== value) return 'type number (NaN)';
      if (value === Infinity) return 'type number (Infinity)';
      if (value === -Infinity) return 'type number (-Infinity)';
      return `type number (${value})`;
    case 'boolean': return value ? 'type boolean (true)' : 'type boolean (false)';
    case 'symbol': return `type symbol (${String(value)})`;
    case 'function': return `function ${value.name}`;
    case 'object':
      if (value.constructor && 'name' in value.constructor) return `an instance of ${value.constructor.name}`;
      return inspect(value, { depth: -1 });
    case 'string': {
      let v: string = value;
      if (v.length > 28) v = `${v.slice(0, 25)}...`;
      return v.indexOf("'") === -1 ? `type string ('${v}')` : `type string (${JSON.stringify(v)})`;
    }
    default: return `type ${typeof value} (${inspect(value, { colors: false })})`;
  }
}

function addNumericalSeparator(val: string): string {
  let res = '';
  let i = val.length;
  const start = val[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${val.slice(i - 3, i)}${res}`;
  return `${val.slice(0, i)}${res}`;
}

const messages: Record<string, (...args: any[]) => string> = {
  ERR_INVALID_ARG_TYPE(name: string, expected: string | string[], actual: unknown) {
    if (!Array.isArray(expected)) expected = [expected];
    let msg = 'The ';
    if (name.endsWith(' argument')) msg += `${name} `;
    else msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
    msg += 'must be ';
    const types: string[] = [];
    const instances: string[] = [];
    const other: string[] = [];
    for (const value of expected) {
      if (kTypes.includes(value)) types.push(value.toLowerCase());
      else if (classRegExp.test(value)) instances.push(value);
      else other.push(value);
    }
    if (instances.length > 0) {
      const pos = types.indexOf('object');
      if (pos !== -1) {
        types.splice(pos, 1);
        instances.push('Object');
      }
    }
    if (types.length > 0) {
      msg += `${types.length > 1 ? 'one of type' : 'of type'} ${formatList(types, 'or')}`;
      if (instances.length > 0 || other.length > 0) msg += ' or ';
    }
    if (instances.length > 0) {
      msg += `an instance of ${formatList(instances, 'or')}`;
      if (other.length > 0) msg += ' or ';
    }
    if (other.length > 0) {
      if (other.length > 1) msg += `one of ${formatList(other, 'or')}`;
      else {
        if (other[0].toLowerCase() !== other[0]) msg += 'an ';
        msg += `${other[0]}`;
      }
    }
    return `${msg}. Received ${determineSpecificType(actual)}`;
  },
  ERR_INVALID_ARG_VALUE(name: string, value: unknown, reason = 'is invalid') {
    let inspected = inspect(value);
    if (inspected.length > 128) inspected = `${inspected.slice(0, 128)}...`;
    return `The ${name.includes('.') ? 'property' : 'argument'} '${name}' ${reason}. Received ${inspected}`;
  },
  ERR_OUT_OF_RANGE(str: string, range: string, input: unknown, replaceDefaultBoolean = false) {
    let msg = replaceDefaultBoolean ? str : `The value of "${str}" is out of range.`;
    let received: string;
    if (Number.isInteger(input) && Math.abs(input as number) > 2 ** 32) received = addNumericalSeparator(String(input));
    else if (typeof input === 'bigint') {
      received = String(input);
      if (input > 2n ** 32n || input < -(2n ** 32n)) received = addNumericalSeparator(received);
      received += 'n';
    } else received = inspect(input);
    msg += ` It must be ${range}. Received ${received}`;
    return msg;
  },
  ERR_USE_AFTER_CLOSE: (name: string) => `${name} was closed`,
  ERR_INVALID_CURSOR_POS: () => 'Cannot set cursor row without setting its column',
  ERR_METHOD_NOT_IMPLEMENTED: (name: string) => `The ${name} method is not implemented`,
  ERR_STREAM_DESTROYED: (name: string) => `Cannot call ${name} after a stream was destroyed`,
  ERR_SYSTEM_ERROR: (message: string) => `A system error occurred: ${message}`,
};

const bases: Record<string, () => ErrorConstructor> = {
  ERR_INVALID_ARG_TYPE: () => TypeError,
  ERR_INVALID_ARG_VALUE: () => TypeError,
  ERR_OUT_OF_RANGE: () => RangeError,
  ERR_INVALID_CURSOR_POS: () => TypeError,
};

/** Node's `new ERR_…(...args)`: an error of the sandbox's realm. */
export function nodeError(code: keyof typeof messages, ...args: unknown[]): Error & { code: string } {
  const Base = bases[code]?.() ?? Error;
  const err = new Base(messages[code](...args)) as Error & { code: string };
  err.code = code;
  // Node's prepareStackTrace heads the stack of its own errors with `${name} [${code}]: …`;
  // V8 formats the stack when it is first read: read it once while `name` reads that way.
  Object.defineProperty(err, 'name', { value: `${err.name} [${code}]`, writable: true, enumerable: false, configurable: true });
  void err.stack;
  delete (err as { name?: string }).name;
  return err;
}

/** Node's AbortError (lib/internal/errors.js): not a DOMException, a plain Error with a code. */
export class AbortError extends Error {
  code: string;
  constructor(message = 'The operation was aborted', options: { cause?: unknown } | undefined = undefined) {
    if (options !== undefined && typeof options !== 'object') throw nodeError('ERR_INVALID_ARG_TYPE', 'options', 'Object', options);
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

// ---- internal/validators ----------------------------------------------------------------------

export function validateString(value: unknown, name: string): void {
  if (typeof value !== 'string') throw nodeError('ERR_INVALID_ARG_TYPE', name, 'string', value);
}

export function validateNumber(value: unknown, name: string, min?: number, max?: number): void {
  if (typeof value !== 'number') throw nodeError('ERR_INVALID_ARG_TYPE', name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) || ((min != null || max != null) && Number.isNaN(value))) {
    throw nodeError('ERR_OUT_OF_RANGE', name, `${min != null ? `>= ${min}` : ''}${min != null && max != null ? ' && ' : ''}${max != null ? `<= ${max}` : ''}`, value);
  }
}

export function validateInteger(value: unknown, name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): void {
  if (typeof value !== 'number') throw nodeError('ERR_INVALID_ARG_TYPE', name, 'number', value);
  if (!Number.isInteger(value)) throw nodeError('ERR_OUT_OF_RANGE', name, 'an integer', value);
  if (value < min || value > max) throw nodeError('ERR_OUT_OF_RANGE', name, `>= ${min} && <= ${max}`, value);
}

export function validateInt32(value: unknown, name: string, min = -2147483648, max = 2147483647): void {
  validateInteger(value, name, min, max);
}

export function validateUint32(value: unknown, name: string, positive = false): void {
  if (typeof value !== 'number') throw nodeError('ERR_INVALID_ARG_TYPE', name, 'number', value);
  if (!Number.isInteger(value)) throw nodeError('ERR_OUT_OF_RANGE', name, 'an integer', value);
  const min = positive ? 1 : 0;
  const max = 4_294_967_295;
  if (value < min || value > max) throw nodeError('ERR_OUT_OF_RANGE', name, `>= ${min} && <= ${max}`, value);
}

export function validateBoolean(value: unknown, name: string): void {
  if (typeof value !== 'boolean') throw nodeError('ERR_INVALID_ARG_TYPE', name, 'boolean', value);
}

export function validateArray(value: unknown, name: string, minLength = 0): void {
  if (!Array.isArray(value)) throw nodeError('ERR_INVALID_ARG_TYPE', name, 'Array', value);
  if (value.length < minLength) throw nodeError('ERR_INVALID_ARG_VALUE', name, value, `must be longer than ${minLength}`);
}

export function validateFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw nodeError('ERR_INVALID_ARG_TYPE', name, 'Function', value);
}

export function validateAbortSignal(signal: unknown, name: string): void {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw nodeError('ERR_INVALID_ARG_TYPE', name, 'AbortSignal', signal);
  }
}
