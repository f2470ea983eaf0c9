// Stable fields of fs.stat / fs.lstat / fs.fstat results through callbacks, bigint stats,
// symlinks (lstat vs stat), chmod'ed modes, and Stats class checks.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'file.bin');
const link = path.join(dir, 'link');
fs.writeFileSync(file, Buffer.alloc(1234, 7));
fs.chmodSync(file, 0o640);
fs.symlinkSync('file.bin', link);

const describe = (st) =>
  `size=${st.size} file=${st.isFile()} dir=${st.isDirectory()} symlink=${st.isSymbolicLink()} mode=${(Number(st.mode) & 0o777).toString(8)} mtimeIsDate=${st.mtime instanceof Date} nlink=${st.nlink}`;

fs.stat(link, (err, st) => {
  console.log('stat(link):', describe(st), 'instanceof fs.Stats:', st instanceof fs.Stats);
  fs.lstat(link, (err2, lst) => {
    console.log('lstat(link): symlink =', lst.isSymbolicLink(), 'file =', lst.isFile());
    fs.readlink(link, (err3, target) => {
      console.log('readlink:', target);
      fs.stat(file, { bigint: true }, (err4, big) => {
        console.log('bigint stat: size', typeof big.size, big.size, 'has mtimeNs', typeof big.mtimeNs);
        fs.open(file, 'r', (err5, fd) => {
          fs.fstat(fd, (err6, fst) => {
            console.log('fstat:', describe(fst));
            fs.close(fd, (err7) => {
              console.log('close:', err7);
              fs.stat(dir, (err8, dst) => console.log('stat(dir): dir =', dst.isDirectory(), 'file =', dst.isFile()));
            });
          });
        });
      });
    });
  });
});
