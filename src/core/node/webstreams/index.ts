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
