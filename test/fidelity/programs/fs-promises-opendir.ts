// TypeScript: fs.promises.opendir + for await over Dir entries (collected and sorted, since
// directory order is the file system's), dir.read() returning null at the end, closing a
// closed Dir (ERR_DIR_CLOSED), and typed error narrowing of an ENOENT rejection.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
for (const n of ['c.txt', 'a.txt', 'b.txt']) fs.writeFileSync(path.join(dir, n), n);
fs.mkdirSync(path.join(dir, 'sub'));

function isErrno(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && 'code' in e;
}

async function main(): Promise<void> {
  const seen: string[] = [];
  for await (const ent of await fsp.opendir(dir)) {
    seen.push(`${ent.name}${ent.isDirectory() ? '/' : ''}`);
  }
  console.log('entries:', seen.sort().join(' '));
  const d = await fsp.opendir(dir);
  let count = 0;
  while ((await d.read()) !== null) count++;
  console.log('read() count before null:', count);
  await d.close();
  try {
    await d.close();
  } catch (e: unknown) {
    if (isErrno(e)) console.log('close twice:', e.code, e.message);
  }
  try {
    await fsp.opendir(path.join(dir, 'missing'));
  } catch (e: unknown) {
    if (isErrno(e)) console.log('opendir missing:', e.code, e.syscall, (e.message).split(dir).join('<dir>'));
  }
}

void main().then(() => console.log('done'));
export {};
