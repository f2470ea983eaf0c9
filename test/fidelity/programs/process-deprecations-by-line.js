// Deprecated APIs of Node's own modules, which the lines removed one by one: zlib's bytesRead
// (gone in 24, DEP0108), OutgoingMessage's _headers/_headerNames (gone in 24, DEP0066),
// ReadStream/WriteStream.prototype.open (gone in 26, DEP0135). Where they remain they warn through
// the same util.deprecate as the program's: a code warns once per run across both.
const zlib = require('zlib');
const fs = require('fs');
const http = require('http');
const util = require('util');

process.on('warning', (w) => console.log('warning event:', w.name, w.code, w.message));

const gzip = zlib.createGzip();
console.log('bytesRead' in gzip, gzip.bytesRead);
gzip.bytesRead = 3;
console.log('bytesWritten', gzip.bytesWritten);

console.log('open' in fs.ReadStream.prototype, typeof fs.WriteStream.prototype.open);
const stream = fs.createReadStream(__filename);
if (typeof stream.open === 'function') stream.open();
stream.destroy();

const message = new http.OutgoingMessage();
console.log('_headers' in message, '_headerNames' in message);
void message._headers;
void message._headerNames;

// DEP0066 again, from the program: Node says it once per run, whoever said it first.
const mine = util.deprecate(() => 'mine', 'my own DEP0066', 'DEP0066');
console.log(mine());
const other = util.deprecate(() => 'other', 'a code of my own', 'MY0001');
console.log(other(), other());
