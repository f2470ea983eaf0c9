/**
 * `node:test` and `node:test/reporters` of the sandbox: Node's own lib/test.js and
 * lib/internal/test_runner/* of the imitated line (lib/node<NN>, README.md), evaluated on first
 * require; only that line's files are evaluated. The lines ported are NODE_TEST_LINES
 * (src/core/node/modules.ts); the engine refuses `node:test` on the others.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- one line's files are evaluated, on first use */
import { host } from '../host';

type LineFiles = Record<'test' | 'reporters', () => unknown>;

const LINES: Record<20 | 22 | 24 | 26, LineFiles> = {
  20: {
    test: () => require('./lib/node20/test.js'),
    reporters: () => require('./lib/node20/test/reporters.js'),
  },
  22: {
    test: () => require('./lib/node22/test.js'),
    reporters: () => require('./lib/node22/test/reporters.js'),
  },
  24: {
    test: () => require('./lib/node24/test.js'),
    reporters: () => require('./lib/node24/test/reporters.js'),
  },
  26: {
    test: () => require('./lib/node26/test.js'),
    reporters: () => require('./lib/node26/test/reporters.js'),
  },
};

function line(): LineFiles {
  return LINES[host.nodeMajor] ?? LINES[20];
}

/** Node's `require('node:test')` of the imitated line. */
export function nodeTest(): unknown {
  return line().test();
}

/** Node's `require('node:test/reporters')` of the imitated line. */
export function nodeTestReporters(): unknown {
  return line().reporters();
}
