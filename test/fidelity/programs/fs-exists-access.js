// fs.exists (callback gets a single boolean, no error argument) vs fs.access (error-first), with
// immediates and a timer around them; util.promisify(fs.exists) resolves to the boolean.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const here = path.join(dir, 'here.txt');
const gone = path.join(dir, 'gone.txt');
fs.writeFileSync(here, 'x');

setTimeout(() => console.log('timeout 400'), 400);
fs.exists(here, (...args) => {
  console.log('exists(here) args:', args);
  fs.exists(gone, (...args2) => {
    console.log('exists(gone) args:', args2);
    fs.access(here, fs.constants.R_OK, (err) => {
      console.log('access(here, R_OK):', err);
      fs.access(gone, (err2) => {
        console.log('access(gone):', err2.code);
        util.promisify(fs.exists)(here).then((v) => console.log('promisified exists(here):', v));
      });
    });
  });
});
console.log('exists is a function:', typeof fs.exists, 'length', fs.exists.length);
