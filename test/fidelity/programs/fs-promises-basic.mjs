// fs/promises from an ES module with top-level await: mkdir, writeFile, appendFile, readdir,
// stat, readFile, rename, copyFile, unlink, rm, each awaited in turn; then a 20 ms timer fires
// during a 60 ms sleep.
import fs from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const p = (...x) => path.join(dir, ...x);

process.nextTick(() => console.log('nextTick (top level)'));
console.log('mkdir returned', await fs.mkdir(p('d')));
console.log('mkdir recursive returned', (await fs.mkdir(p('d', 'e', 'f'), { recursive: true })).split(dir).join('<dir>'));
console.log('writeFile returned', await fs.writeFile(p('d', 'x.txt'), 'first line\n'));
console.log('appendFile returned', await fs.appendFile(p('d', 'x.txt'), 'second line\n'));
console.log('readdir', (await fs.readdir(p('d'))).sort());
const st = await fs.stat(p('d', 'x.txt'));
console.log('stat size', st.size, 'isFile', st.isFile());
console.log('readFile', JSON.stringify(await fs.readFile(p('d', 'x.txt'), 'utf8')));
console.log('readFile (buffer) is Buffer', Buffer.isBuffer(await fs.readFile(p('d', 'x.txt'))));
await fs.rename(p('d', 'x.txt'), p('d', 'y.txt'));
console.log('after rename', (await fs.readdir(p('d'))).sort());
await fs.copyFile(p('d', 'y.txt'), p('d', 'z.txt'));
await fs.unlink(p('d', 'y.txt'));
console.log('after copyFile+unlink', (await fs.readdir(p('d'))).sort());
await fs.rm(p('d'), { recursive: true });
console.log('after rm', await fs.readdir(dir));
setTimeout(() => console.log('timeout 20'), 20);
await new Promise((resolve) => setTimeout(resolve, 60));
console.log('end');
