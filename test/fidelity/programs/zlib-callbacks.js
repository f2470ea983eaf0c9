// zlib convenience methods with callbacks (threadpool): gzip->gunzip, deflate->inflate,
// deflateRaw->inflateRaw, brotliCompress->brotliDecompress, unzip of gzip and deflate data;
// round trips checked, chained one after another; inside a callback nextTick, microtask,
// immediate, timeout(0) in that order (the chain goes on from that timeout); a 500 ms timer
// comes last.
const zlib = require('node:zlib');

const input = Buffer.from('The quick brown fox jumps over the lazy dog. '.repeat(50));
setTimeout(() => console.log('timeout 500'), 500);
zlib.gzip(input, (err, gz) => {
  console.log('gzip:', err, 'magic', gz.subarray(0, 2).toString('hex'), 'smaller', gz.length < input.length);
  setImmediate(() => console.log('  immediate from gzip callback'));
  Promise.resolve().then(() => console.log('  microtask from gzip callback'));
  process.nextTick(() => console.log('  nextTick from gzip callback'));
  setTimeout(() => {
  console.log('  timeout 0 from gzip callback: the chain goes on from here');
  zlib.gunzip(gz, (err2, back) => {
    console.log('gunzip:', err2, back.equals(input));
    zlib.deflate(input, { level: 9 }, (err3, df) => {
      console.log('deflate: zlib header', df[0].toString(16));
      zlib.inflate(df, (err4, back2) => {
        console.log('inflate:', err4, back2.equals(input));
        zlib.deflateRaw('raw data', (err5, raw) => {
          zlib.inflateRaw(raw, (err6, back3) => {
            console.log('raw round trip:', err6, back3.toString());
            zlib.brotliCompress(input, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }, (err7, br) => {
              zlib.brotliDecompress(br, (err8, back4) => {
                console.log('brotli round trip:', err8, back4.equals(input));
                zlib.unzip(gz, (err9, u1) => {
                  zlib.unzip(df, (err10, u2) => console.log('unzip gzip/deflate:', u1.equals(input), u2.equals(input)));
                });
              });
            });
          });
        });
      });
    });
  });
  }, 0);
});
console.log('sync end');
