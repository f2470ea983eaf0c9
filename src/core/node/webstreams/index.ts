/**
 * `stream/web` and the web-streams globals of the sandbox: Node's own lib/internal/webstreams of
 * the imitated Node line (lib/node<NN>, README.md), chosen once, when first asked for.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- one line's files are evaluated, on first use */
import { host } from '../host';

/** Node's `require('stream/web')` of the imitated line. */
export function streamWeb(): Record<string, unknown> {
  switch (host.nodeMajor) {
    case 22:
      return require('./lib/node22/stream/web.js');
    case 24:
      return require('./lib/node24/stream/web.js');
    case 26:
      return require('./lib/node26/stream/web.js');
    default:
      return require('./lib/node20/stream/web.js');
  }
}
