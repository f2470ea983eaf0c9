/**
 * `stream/web`, `stream/consumers`, `Blob`/`File` and the web-streams globals of the sandbox:
 * Node's own lib files of the imitated Node line (lib/node<NN>, README.md), chosen when first
 * asked for; only that line's files are evaluated.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- one line's files are evaluated, on first use */
import { host } from '../host';

type LineFiles = Record<'streamWeb' | 'consumers' | 'blob' | 'file' | 'adapters', () => Record<string, any>>;

const LINES: Record<20 | 22 | 24 | 26, LineFiles> = {
  20: {
    streamWeb: () => require('./lib/node20/stream/web.js'),
    consumers: () => require('./lib/node20/stream/consumers.js'),
    blob: () => require('./lib/node20/internal/blob.js'),
    file: () => require('./lib/node20/internal/file.js'),
    adapters: () => require('./lib/node20/internal/webstreams/adapters.js'),
  },
  22: {
    streamWeb: () => require('./lib/node22/stream/web.js'),
    consumers: () => require('./lib/node22/stream/consumers.js'),
    blob: () => require('./lib/node22/internal/blob.js'),
    file: () => require('./lib/node22/internal/file.js'),
    adapters: () => require('./lib/node22/internal/webstreams/adapters.js'),
  },
  24: {
    streamWeb: () => require('./lib/node24/stream/web.js'),
    consumers: () => require('./lib/node24/stream/consumers.js'),
    blob: () => require('./lib/node24/internal/blob.js'),
    file: () => require('./lib/node24/internal/file.js'),
    adapters: () => require('./lib/node24/internal/webstreams/adapters.js'),
  },
  26: {
    streamWeb: () => require('./lib/node26/stream/web.js'),
    consumers: () => require('./lib/node26/stream/consumers.js'),
    blob: () => require('./lib/node26/internal/blob.js'),
    file: () => require('./lib/node26/internal/file.js'),
    adapters: () => require('./lib/node26/internal/webstreams/adapters.js'),
  },
};

function line(): LineFiles {
  return LINES[host.nodeMajor] ?? LINES[20];
}

/** Node's `require('stream/web')` of the imitated line. */
export function streamWeb(): Record<string, unknown> {
  return line().streamWeb();
}

/** Node's `require('stream/consumers')` of the imitated line (it takes web streams too: they are async iterables). */
export function streamConsumers(): Record<string, unknown> {
  return line().consumers();
}

/** The sandbox's `Blob` and `File` (Node's lib/internal/blob.js, file.js over blob-data.js). */
export function blobClasses(): { Blob: unknown; File: unknown } {
  return { Blob: line().blob().Blob, File: line().file().File };
}

/** Node's lib/internal/webstreams/adapters.js of the imitated line: Readable/Writable/Duplex.toWeb and fromWeb. */
export function adapters(): Record<string, unknown> {
  return line().adapters();
}

const kDeserialize = Symbol.for('async-timeline.node.kDeserialize');

/**
 * Node's deserializer of cloned host objects (lib/internal/worker/js_transferable.js `setup`):
 * `deserializeInfo` is 'module:Ctor' of the imitated line's lib; `new Ctor()`, then
 * `[kDeserialize](data)`. The simulation's structured clone (src/core/sim/clone.ts) calls it.
 */
function deserializeHostObject(deserializeInfo: string, data: unknown): object {
  const [module, name] = deserializeInfo.split(':', 2);
  const exports = module === 'internal/blob' ? line().blob() : module === 'internal/file' ? line().file() : undefined;
  const Ctor = exports?.[name] as (new () => Record<symbol, (data: unknown) => void>) | undefined;
  if (typeof Ctor !== 'function' || typeof Ctor.prototype[kDeserialize] !== 'function') {
    throw new Error(`Unknown deserialize spec ${deserializeInfo}`);
  }
  const obj = new Ctor();
  obj[kDeserialize](data);
  return obj;
}

(globalThis as unknown as Record<symbol, unknown>)[Symbol.for('async-timeline.node.deserializer')] = deserializeHostObject;
