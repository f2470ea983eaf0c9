/**
 * `readline` and `readline/promises` in the sandbox: Node 20's lib/readline.js,
 * lib/readline/promises.js and lib/internal/readline/promises.js (v20.20.2), ported on top of
 * readline-interface.ts (lib/internal/readline/interface.js). The Interface is an EventEmitter of
 * the sandbox's events port, reading its input stream (usually one of the sandbox's streams: a
 * file stream, a PassThrough, `Readable.from`) on the simulated loop; `question()` of
 * readline/promises returns a promise of the sandbox.
 *
 * What differs from Node: `util.promisify(rl.question)` finds the custom function under the
 * registered `util.promisify.custom` symbol (the same symbol in every realm); errors are
 * readline-errors.ts's (Node's codes and messages). Terminal mode (`terminal: true`) runs Node's
 * code over whatever input/output it is given; the sandbox has no TTY of its own.
 */
import {
  InterfaceConstructor, Interface as _Interface, kAddHistory, kDecoder, kDeleteLeft, kDeleteLineLeft, kDeleteLineRight,
  kDeleteRight, kDeleteWordLeft, kDeleteWordRight, kGetDisplayPos, kHistoryNext, kHistoryPrev, kInsertString, kLine,
  kLine_buffer, kMoveCursor, kNormalWrite, kOldPrompt, kOnLine, kPreviousKey, kPrompt, kQuestion, kQuestionCallback,
  kQuestionCancel, kQuestionReject, kRefreshLine, kSawKeyPress, kSawReturnAt, kSetRawMode, kTabComplete, kTabCompleter,
  kTtyWrite, kWordLeft, kWordRight, kWriteToOutput,
} from './readline-interface';
import { AbortError, nodeError, validateAbortSignal, validateBoolean, validateInteger } from './readline-errors';
import { CSI, clearLine, clearScreenDown, cursorTo, emitKeypressEvents, moveCursor } from './readline-utils';
import { real } from './host';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's port of lib/events.js (build.mjs aliases `events`)
const { addAbortListener } = require('events');
// internal/streams/utils' isWritable: `stream.isWritable` is the same function (lib/stream.js).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the sandbox's `stream` (stream.ts)
const isWritable = (stream: unknown): boolean | null => require('./stream').stream.isWritable(stream);

const SymbolDispose: symbol = (Symbol as { dispose?: symbol }).dispose ?? Symbol.for('nodejs.dispose');
const kEmptyObject = Object.freeze({ __proto__: null }) as Record<string, any>;
/** util.promisify.custom: a registered symbol, the same for the host's and the sandbox's util. */
const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');

function inspect(value: unknown): string {
  return real('util').inspect(value) as string;
}

// ---- lib/readline.js ----------------------------------------------------------------------------

export const Interface: any = function Interface(this: any, input: any, output?: any, completer?: any, terminal?: any) {
  if (!(this instanceof (Interface as any))) {
    return new (Interface as any)(input, output, completer, terminal);
  }

  if (input?.input &&
      typeof input.completer === 'function' && input.completer.length !== 2) {
    const { completer } = input;
    input.completer = (v: any, cb: any) => cb(null, completer(v));
  } else if (typeof completer === 'function' && completer.length !== 2) {
    const realCompleter = completer;
    completer = (v: any, cb: any) => cb(null, realCompleter(v));
  }

  InterfaceConstructor.call(this, input, output, completer, terminal);

  if (process.env.TERM === 'dumb') {
    this._ttyWrite = (_ttyWriteDumb as any).bind(this);
  }
};

Object.setPrototypeOf(Interface.prototype, _Interface.prototype);
Object.setPrototypeOf(Interface, _Interface);

/**
 * Displays `query` by writing it to the `output`.
 * @param {string} query
 * @param {{ signal?: AbortSignal; }} [options]
 * @param {Function} cb
 * @returns {void}
 */
Interface.prototype.question = function question(this: any, query: any, options?: any, cb?: any) {
  cb = typeof options === 'function' ? options : cb;
  if (options === null || typeof options !== 'object') {
    options = kEmptyObject;
  }

  if (options.signal) {
    validateAbortSignal(options.signal, 'options.signal');
    if (options.signal.aborted) {
      return;
    }

    const onAbort = () => {
      this[kQuestionCancel]();
    };
    const disposable = addAbortListener(options.signal, onAbort);
    const originalCb = cb;
    cb = typeof cb === 'function' ? (answer: any) => {
      disposable[SymbolDispose]();
      return originalCb(answer);
    } : disposable[SymbolDispose];
  }

  if (typeof cb === 'function') {
    this[kQuestion](query, cb);
  }
};
Interface.prototype.question[promisifyCustom] = function question(this: any, query: any, options?: any) {
  if (options === null || typeof options !== 'object') {
    options = kEmptyObject;
  }

  if (options.signal && options.signal.aborted) {
    return Promise.reject(
      new AbortError(undefined, { cause: options.signal.reason }));
  }

  return new Promise((resolve, reject) => {
    let cb: (answer: any) => void = resolve;

    if (options.signal) {
      const onAbort = () => {
        reject(new AbortError(undefined, { cause: options.signal.reason }));
      };
      const disposable = addAbortListener(options.signal, onAbort);
      cb = (answer: any) => {
        disposable[SymbolDispose]();
        resolve(answer);
      };
    }

    this.question(query, options, cb);
  });
};

/**
 * Creates a new `readline.Interface` instance.
 * @param {Readable | {
 *   input: Readable;
 *   output: Writable;
 *   completer?: Function;
 *   terminal?: boolean;
 *   history?: string[];
 *   historySize?: number;
 *   removeHistoryDuplicates?: boolean;
 *   prompt?: string;
 *   crlfDelay?: number;
 *   escapeCodeTimeout?: number;
 *   tabSize?: number;
 *   signal?: AbortSignal;
 *   }} input
 * @param {Writable} [output]
 * @param {Function} [completer]
 * @param {boolean} [terminal]
 * @returns {Interface}
 */
export function createInterface(input: any, output?: any, completer?: any, terminal?: any): any {
  return new Interface(input, output, completer, terminal);
}

Object.defineProperties(Interface.prototype, {
  // Redirect internal prototype methods to the underscore notation for backward
  // compatibility.
  [kSetRawMode]: {
    get(this: any) {
      return this._setRawMode;
    },
  },
  [kOnLine]: {
    get(this: any) {
      return this._onLine;
    },
  },
  [kWriteToOutput]: {
    get(this: any) {
      return this._writeToOutput;
    },
  },
  [kAddHistory]: {
    get(this: any) {
      return this._addHistory;
    },
  },
  [kRefreshLine]: {
    get(this: any) {
      return this._refreshLine;
    },
  },
  [kNormalWrite]: {
    get(this: any) {
      return this._normalWrite;
    },
  },
  [kInsertString]: {
    get(this: any) {
      return this._insertString;
    },
  },
  [kTabComplete]: {
    get(this: any) {
      return this._tabComplete;
    },
  },
  [kWordLeft]: {
    get(this: any) {
      return this._wordLeft;
    },
  },
  [kWordRight]: {
    get(this: any) {
      return this._wordRight;
    },
  },
  [kDeleteLeft]: {
    get(this: any) {
      return this._deleteLeft;
    },
  },
  [kDeleteRight]: {
    get(this: any) {
      return this._deleteRight;
    },
  },
  [kDeleteWordLeft]: {
    get(this: any) {
      return this._deleteWordLeft;
    },
  },
  [kDeleteWordRight]: {
    get(this: any) {
      return this._deleteWordRight;
    },
  },
  [kDeleteLineLeft]: {
    get(this: any) {
      return this._deleteLineLeft;
    },
  },
  [kDeleteLineRight]: {
    get(this: any) {
      return this._deleteLineRight;
    },
  },
  [kLine]: {
    get(this: any) {
      return this._line;
    },
  },
  [kHistoryNext]: {
    get(this: any) {
      return this._historyNext;
    },
  },
  [kHistoryPrev]: {
    get(this: any) {
      return this._historyPrev;
    },
  },
  [kGetDisplayPos]: {
    get(this: any) {
      return this._getDisplayPos;
    },
  },
  [kMoveCursor]: {
    get(this: any) {
      return this._moveCursor;
    },
  },
  [kTtyWrite]: {
    get(this: any) {
      return this._ttyWrite;
    },
  },

  // Defining proxies for the internal instance properties for backward
  // compatibility.
  _decoder: {
    get(this: any) {
      return this[kDecoder];
    },
    set(this: any, value: any) {
      this[kDecoder] = value;
    },
  },
  _line_buffer: {
    get(this: any) {
      return this[kLine_buffer];
    },
    set(this: any, value: any) {
      this[kLine_buffer] = value;
    },
  },
  _oldPrompt: {
    get(this: any) {
      return this[kOldPrompt];
    },
    set(this: any, value: any) {
      this[kOldPrompt] = value;
    },
  },
  _previousKey: {
    get(this: any) {
      return this[kPreviousKey];
    },
    set(this: any, value: any) {
      this[kPreviousKey] = value;
    },
  },
  _prompt: {
    get(this: any) {
      return this[kPrompt];
    },
    set(this: any, value: any) {
      this[kPrompt] = value;
    },
  },
  _questionCallback: {
    get(this: any) {
      return this[kQuestionCallback];
    },
    set(this: any, value: any) {
      this[kQuestionCallback] = value;
    },
  },
  _sawKeyPress: {
    get(this: any) {
      return this[kSawKeyPress];
    },
    set(this: any, value: any) {
      this[kSawKeyPress] = value;
    },
  },
  _sawReturnAt: {
    get(this: any) {
      return this[kSawReturnAt];
    },
    set(this: any, value: any) {
      this[kSawReturnAt] = value;
    },
  },
});

// Make internal methods public for backward compatibility.
Interface.prototype._setRawMode = _Interface.prototype[kSetRawMode];
Interface.prototype._onLine = _Interface.prototype[kOnLine];
Interface.prototype._writeToOutput = _Interface.prototype[kWriteToOutput];
Interface.prototype._addHistory = _Interface.prototype[kAddHistory];
Interface.prototype._refreshLine = _Interface.prototype[kRefreshLine];
Interface.prototype._normalWrite = _Interface.prototype[kNormalWrite];
Interface.prototype._insertString = _Interface.prototype[kInsertString];
Interface.prototype._tabComplete = function(this: any, lastKeypressWasTab: any) {
  // Overriding parent method because `this.completer` in the legacy
  // implementation takes a callback instead of being an async function.
  this.pause();
  const string = this.line.slice(0, this.cursor);
  this.completer(string, (err: any, value: any) => {
    this.resume();

    if (err) {
      this._writeToOutput(`Tab completion error: ${inspect(err)}`);
      return;
    }

    this[kTabCompleter](lastKeypressWasTab, value);
  });
};
Interface.prototype._wordLeft = _Interface.prototype[kWordLeft];
Interface.prototype._wordRight = _Interface.prototype[kWordRight];
Interface.prototype._deleteLeft = _Interface.prototype[kDeleteLeft];
Interface.prototype._deleteRight = _Interface.prototype[kDeleteRight];
Interface.prototype._deleteWordLeft = _Interface.prototype[kDeleteWordLeft];
Interface.prototype._deleteWordRight = _Interface.prototype[kDeleteWordRight];
Interface.prototype._deleteLineLeft = _Interface.prototype[kDeleteLineLeft];
Interface.prototype._deleteLineRight = _Interface.prototype[kDeleteLineRight];
Interface.prototype._line = _Interface.prototype[kLine];
Interface.prototype._historyNext = _Interface.prototype[kHistoryNext];
Interface.prototype._historyPrev = _Interface.prototype[kHistoryPrev];
Interface.prototype._getDisplayPos = _Interface.prototype[kGetDisplayPos];
Interface.prototype._getCursorPos = _Interface.prototype.getCursorPos;
Interface.prototype._moveCursor = _Interface.prototype[kMoveCursor];
Interface.prototype._ttyWrite = _Interface.prototype[kTtyWrite];

function _ttyWriteDumb(this: any, s: any, key: any) {
  key = key || kEmptyObject;

  if (key.name === 'escape') return;

  if (this[kSawReturnAt] && key.name !== 'enter')
    this[kSawReturnAt] = 0;

  if (key.ctrl) {
    if (key.name === 'c') {
      if (this.listenerCount('SIGINT') > 0) {
        this.emit('SIGINT');
      } else {
        // This readline instance is finished
        this.close();
      }

      return;
    } else if (key.name === 'd') {
      this.close();
      return;
    }
  }

  switch (key.name) {
    case 'return':  // Carriage return, i.e. \r
      this[kSawReturnAt] = Date.now();
      this._line();
      break;

    case 'enter':
      // When key interval > crlfDelay
      if (this[kSawReturnAt] === 0 ||
          Date.now() - this[kSawReturnAt] > this.crlfDelay) {
        this._line();
      }
      this[kSawReturnAt] = 0;
      break;

    default:
      if (typeof s === 'string' && s) {
        this.line += s;
        this.cursor += s.length;
        this._writeToOutput(s);
      }
  }
}


// ---- lib/internal/readline/promises.js ----------------------------------------------------------

export class Readline {
  #autoCommit = false;
  #stream: any;
  #todo: string[] = [];

  constructor(stream: any, options: any = undefined) {
    if (!isWritable(stream)) throw nodeError('ERR_INVALID_ARG_TYPE', 'stream', 'Writable', stream);
    this.#stream = stream;
    if (options?.autoCommit != null) {
      validateBoolean(options.autoCommit, 'options.autoCommit');
      this.#autoCommit = options.autoCommit;
    }
  }

  /** Moves the cursor to the x and y coordinate on the given stream. */
  cursorTo(x: number, y: number | undefined = undefined): this {
    validateInteger(x, 'x');
    if (y != null) validateInteger(y, 'y');

    const data = y == null ? CSI`${x + 1}G` : CSI`${y + 1};${x + 1}H`;
    if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);

    return this;
  }

  /** Moves the cursor relative to its current location. */
  moveCursor(dx: number, dy: number): this {
    if (dx || dy) {
      validateInteger(dx, 'dx');
      validateInteger(dy, 'dy');

      let data = '';

      if (dx < 0) {
        data += CSI`${-dx}D`;
      } else if (dx > 0) {
        data += CSI`${dx}C`;
      }

      if (dy < 0) {
        data += CSI`${-dy}A`;
      } else if (dy > 0) {
        data += CSI`${dy}B`;
      }
      if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
      else this.#todo.push(data);
    }
    return this;
  }

  /** Clears the current line the cursor is on: -1 left of the cursor, +1 right of it, 0 the whole line. */
  clearLine(dir: number): this {
    validateInteger(dir, 'dir', -1, 1);

    const data = dir < 0 ? CSI.kClearToLineBeginning : dir > 0 ? CSI.kClearToLineEnd : CSI.kClearLine;
    if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);
    return this;
  }

  /** Clears the screen from the current position of the cursor down. */
  clearScreenDown(): this {
    if (this.#autoCommit) {
      process.nextTick(() => this.#stream.write(CSI.kClearScreenDown));
    } else {
      this.#todo.push(CSI.kClearScreenDown);
    }
    return this;
  }

  /** Sends all the pending actions to the associated `stream` and clears the list. */
  commit(): Promise<void> {
    return new Promise((resolve) => {
      this.#stream.write(this.#todo.join(''), resolve);
      this.#todo = [];
    });
  }

  /** Clears the internal list of pending actions without sending it to the associated `stream`. */
  rollback(): this {
    this.#todo = [];
    return this;
  }
}

// ---- lib/readline/promises.js -------------------------------------------------------------------

class PromisesInterface extends _Interface {
  question(query: any, options: any = kEmptyObject): Promise<string> {
    return new Promise((resolve, reject) => {
      let cb: (answer: any) => void = resolve;

      if (options?.signal) {
        validateAbortSignal(options.signal, 'options.signal');
        if (options.signal.aborted) {
          return reject(new AbortError(undefined, { cause: options.signal.reason }));
        }

        const onAbort = () => {
          this[kQuestionCancel]();
          reject(new AbortError(undefined, { cause: options.signal.reason }));
        };
        const disposable = addAbortListener(options.signal, onAbort);

        cb = (answer: any) => {
          disposable[SymbolDispose]();
          resolve(answer);
        };
      }

      this[kQuestionReject] = reject;

      this[kQuestion](query, cb);
    });
  }
}
Object.defineProperty(PromisesInterface, 'name', { value: 'Interface' });

function createPromisesInterface(input: any, output?: any, completer?: any, terminal?: any): PromisesInterface {
  return new PromisesInterface(input, output, completer, terminal);
}

/** The module `readline/promises`. */
export const readlinePromises = {
  Interface: PromisesInterface,
  Readline,
  createInterface: createPromisesInterface,
};

/** The module `readline`. */
export const readline = {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
  promises: readlinePromises,
};
