// readdir with withFileTypes (Dirent kinds, sorted by name: directory order is the file
// system's), encoding "buffer", mkdir { recursive } returning the first directory it created
// (undefined when nothing was created), rm { recursive } of a tree.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const clean = (s) => String(s).split(dir).join('<dir>');

fs.mkdir(path.join(dir, 'tree', 'a', 'b'), { recursive: true }, (err, first) => {
  console.log('mkdir recursive:', err, clean(first));
  fs.writeFileSync(path.join(dir, 'tree', 'z.txt'), 'z');
  fs.writeFileSync(path.join(dir, 'tree', 'a', 'y.txt'), 'y');
  fs.symlinkSync('z.txt', path.join(dir, 'tree', 'link'));
  fs.readdir(path.join(dir, 'tree'), { withFileTypes: true }, (err2, ents) => {
    ents.sort((x, y) => (x.name < y.name ? -1 : 1));
    for (const d of ents) {
      console.log(`  ${d.name}: file=${d.isFile()} dir=${d.isDirectory()} symlink=${d.isSymbolicLink()} ctor=${d.constructor.name}`);
    }
    fs.readdir(path.join(dir, 'tree'), { encoding: 'buffer' }, (err3, bufs) => {
      console.log('buffer names:', bufs.map((b) => Buffer.isBuffer(b)).every(Boolean), bufs.length);
      fs.rm(path.join(dir, 'tree'), { recursive: true }, (err4) => {
        console.log('rm recursive:', err4);
        fs.readdir(dir, (err5, names) => {
          console.log('after rm:', names);
          fs.mkdir(path.join(dir, 'tree'), { recursive: true }, (err6, first6) => {
            console.log('mkdir recursive (one level):', err6, clean(first6));
            fs.mkdir(path.join(dir, 'tree'), { recursive: true }, (err7, first7) => {
              console.log('mkdir recursive (exists):', err7, first7);
            });
          });
        });
      });
    });
  });
});
