// zlib errors on corrupt input: gunzip of non-gzip (Z_DATA_ERROR, errno -3), inflate of
// truncated data ('unexpected end of file', Z_BUF_ERROR), brotliDecompress of garbage, a stream
// 'error' event on a Gunzip fed garbage (then 'close'); gunzipSync throwing; bad option values
// throw synchronously (ERR_OUT_OF_RANGE).
const zlib = require('node:zlib');

const deflated = zlib.deflateSync(Buffer.from('some data to compress, some data to compress'));
zlib.gunzip(Buffer.from('this is not gzip data'), (err, res) => {
  console.log('gunzip garbage:', err.code, err.errno, JSON.stringify(err.message), res);
  zlib.inflate(deflated.subarray(0, deflated.length - 6), (err2) => {
    console.log('inflate truncated:', err2.code, err2.errno, JSON.stringify(err2.message));
    zlib.brotliDecompress(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff]), (err3) => {
      console.log('brotli garbage:', err3.code, err3.errno, JSON.stringify(err3.message));
      const g = zlib.createGunzip();
      g.on('error', (e) => console.log('stream error:', e.code));
      g.on('close', () => {
        console.log('stream close');
        try {
          zlib.gunzipSync(Buffer.from('nope'));
        } catch (e) {
          console.log('gunzipSync throws:', e.code, e.message);
        }
        try {
          zlib.gzip('x', { level: 42 }, () => {});
        } catch (e) {
          console.log('level 42:', e.code);
        }
      });
      g.end(Buffer.from('garbage garbage garbage'));
    });
  });
});
