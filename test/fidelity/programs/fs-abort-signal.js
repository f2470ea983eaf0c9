// fs.readFile / fs.promises.readFile / fs.promises.writeFile with an AbortSignal: a callback
// readFile with an already-aborted signal calls back synchronously (before the call returns);
// aborted right after the call: AbortError after the in-flight step; abort reasons become `cause`.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'big.txt');
fs.writeFileSync(file, 'y'.repeat(10000));
const show = (label, err, data) =>
  console.log(label, err ? `${err.name} code=${err.code} message=${err.message}` : `ok ${data && data.length}`);

async function main() {
  await new Promise((resolve) => {
    const ac = new AbortController();
    ac.abort();
    fs.readFile(file, { signal: ac.signal }, (err, data) => {
      show('readFile pre-aborted:', err, data);
      resolve();
    });
    console.log('readFile pre-aborted: call returned');
  });
  await new Promise((resolve) => {
    const ac = new AbortController();
    fs.readFile(file, { signal: ac.signal }, (err, data) => {
      show('readFile aborted after call:', err, data);
      resolve();
    });
    ac.abort();
  });
  await new Promise((resolve) => {
    const ac = new AbortController();
    ac.abort('my reason');
    fs.readFile(file, { signal: ac.signal }, (err) => {
      show('readFile aborted with reason:', err);
      console.log('  cause:', err.cause);
      resolve();
    });
  });
  const ac = new AbortController();
  const p = fs.promises.readFile(file, { signal: ac.signal });
  ac.abort();
  try {
    await p;
    console.log('promises.readFile: resolved');
  } catch (err) {
    show('promises.readFile aborted after call:', err);
  }
  const ac2 = new AbortController();
  ac2.abort();
  try {
    await fs.promises.writeFile(path.join(dir, 'w.txt'), 'data', { signal: ac2.signal });
  } catch (err) {
    show('promises.writeFile pre-aborted:', err);
  }
  console.log('w.txt exists:', fs.existsSync(path.join(dir, 'w.txt')));
}
main();
