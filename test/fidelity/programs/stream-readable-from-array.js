// Readable.from(array): objectMode by default, strings are not split; elements of a sync
// iterable are pushed without promise ticks (all 'data' before the first promise job), shown
// by a promise-job counter and a nextTick counter running alongside; a Buffer source.
const { Readable } = require('stream');
const log = (s) => console.log(s);
const r = Readable.from(['ab', 'cd', 'ef']);
log('objectMode ' + r.readableObjectMode + ' hwm ' + r.readableHighWaterMark);
let p = 0;
const pump = () => { p++; log('  promise tick ' + p); if (p < 12) Promise.resolve().then(pump); };
Promise.resolve().then(pump);
let t = 0;
const ticker = () => { t++; log('  nextTick ' + t); if (t < 4) process.nextTick(ticker); };
process.nextTick(ticker);
r.on('data', (c) => log('data ' + c));
r.on('end', () => log('end'));
r.on('close', () => log('close'));
const b = Readable.from(Buffer.from('buf'));
b.on('data', (c) => log('buffer source data isBuffer=' + Buffer.isBuffer(c) + ' ' + c));
