// The fd-level callback API: open, write (string and buffer, position), read into a buffer,
// ftruncate, fsync, close; fs.readFile on an fd (starts on nextTick, reads from the current
// position); EBADF after close.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const file = path.join(dir, 'fd.txt');

fs.open(file, 'w+', (err, fd) => {
  console.log('open: typeof fd =', typeof fd);
  fs.write(fd, 'hello world', (err2, written, str) => {
    console.log('write string:', err2, written, JSON.stringify(str));
    fs.write(fd, Buffer.from('HELLO'), 0, 5, 0, (err3, n, buf) => {
      console.log('write buffer at 0:', err3, n, buf.toString());
      const into = Buffer.alloc(20, '.');
      fs.read(fd, into, 2, 11, 0, (err4, bytesRead, b) => {
        console.log('read:', err4, bytesRead, JSON.stringify(b.toString()), b === into);
        fs.ftruncate(fd, 5, (err5) => {
          console.log('ftruncate:', err5);
          fs.fsync(fd, (err6) => {
            console.log('fsync:', err6);
            fs.readFile(fd, 'utf8', (err7, data) => {
              console.log('readFile(fd) from current position:', err7, JSON.stringify(data));
              fs.read(fd, { buffer: Buffer.alloc(10), position: 0 }, (err8, n8, b8) => {
                console.log('read options object:', err8, n8, JSON.stringify(b8.subarray(0, n8).toString()));
                fs.close(fd, (err9) => {
                  console.log('close:', err9);
                  fs.fstat(fd, (err10) => console.log('fstat after close:', err10.code, err10.syscall, err10.message));
                });
              });
            });
            process.nextTick(() => console.log('  nextTick after readFile(fd) call'));
          });
        });
      });
    });
  });
});
