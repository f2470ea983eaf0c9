// Objects and arrays made by Node's built-ins are of the program's realm: fs results (sync,
// callback, promises: readdir lists, Stats, Dirents), path.parse, os.cpus, url.urlToHttpOptions,
// querystring.parse, v8.deserialize, crypto.getHashes and generateKeyPairSync (its KeyObjects
// stay `instanceof crypto.KeyObject`), and what util.promisify and events.once give — `instanceof
// Array`/`Object`, `constructor`, `Object.getPrototypeOf` answer as with the program's own.
// (Node 22+ exports a deprecation wrapper as fs.Stats, so `constructor === fs.Stats` differs by
// line and is not asked.) Each step waits for the one before, so the order is fixed.
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');
const url = require('node:url');
const qs = require('node:querystring');
const v8 = require('node:v8');
const util = require('node:util');
const events = require('node:events');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-realm-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
fs.writeFileSync(path.join(dir, 'f.txt'), 'x');
fs.mkdirSync(path.join(dir, 'd'));

const arr = (v) => [v instanceof Array, Array.isArray(v), Object.getPrototypeOf(v) === Array.prototype, v.constructor === Array].join(' ');
const obj = (v) => [v instanceof Object, typeof v.hasOwnProperty === 'function', Object.getPrototypeOf(v) === Object.prototype, v.constructor === Object].join(' ');
const stats = (s) => [s instanceof Object, s instanceof fs.Stats, s.constructor.name, s.isDirectory(), s.mtime instanceof Date, util.types.isDate(s.mtime)].join(' ');
const dirents = (l) => l.sort((a, b) => (a.name < b.name ? -1 : 1)).map((d) => `${d.name}:${d instanceof Object}/${d instanceof fs.Dirent}/${d.isFile()}`).join(' ');

console.log('readdirSync', arr(fs.readdirSync(dir)), fs.readdirSync(dir).sort());
console.log('statSync', stats(fs.statSync(dir)));
console.log('lstatSync', stats(fs.lstatSync(dir)));
console.log('statSync bigint', fs.statSync(dir, { bigint: true }) instanceof Object, typeof fs.statSync(dir, { bigint: true }).size);
console.log('readdirSync withFileTypes', arr(fs.readdirSync(dir, { withFileTypes: true })), dirents(fs.readdirSync(dir, { withFileTypes: true })));
console.log('path.parse', obj(path.parse('/a/b.txt')), path.parse('/a/b.txt'));
console.log('path.posix.parse', obj(path.posix.parse('/a')), path.posix === require('node:path/posix'), path.join('a', 'b'));
console.log('os.cpus', arr(os.cpus()), os.cpus().every((c) => c instanceof Object));
console.log('os.userInfo', obj(os.userInfo()));
console.log('url.urlToHttpOptions', Object.getPrototypeOf(url.urlToHttpOptions(new URL('http://x:81/p?a=1'))) === Object.prototype, url.urlToHttpOptions(new URL('http://x:81/p?a=1')).path);
console.log('querystring.parse', qs.parse('a=1&a=2&b=3'), arr(qs.parse('a=1&a=2').a));
const round = v8.deserialize(v8.serialize({ list: [1, 2], nested: { x: 1 } }));
console.log('v8.deserialize', obj(round), arr(round.list), obj(round.nested));
const crypto = require('node:crypto');
const pair = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
console.log('crypto', arr(crypto.getHashes()), arr(crypto.getCiphers()), obj(pair), pair.publicKey instanceof crypto.KeyObject);
console.log('JSON.parse', obj(JSON.parse('{"a":[1]}')), arr(JSON.parse('[1]')));

const steps = [
  (next) => fs.readdir(dir, (err, l) => { console.log('readdir cb', arr(l)); next(); }),
  (next) => fs.stat(dir, (err, s) => { console.log('stat cb', stats(s)); next(); }),
  (next) => fs.readdir(dir, { withFileTypes: true }, (err, l) => { console.log('readdir withFileTypes cb', arr(l), dirents(l)); next(); }),
  (next) => fs.promises.readdir(dir).then((l) => { console.log('readdir promise', arr(l)); next(); }),
  (next) => fs.promises.stat(dir).then((s) => { console.log('stat promise', stats(s)); next(); }),
  (next) => fs.promises.open(path.join(dir, 'f.txt')).then(async (fh) => { const s = await fh.stat(); console.log('FileHandle.stat', stats(s)); await fh.close(); next(); }),
  (next) => util.promisify(fs.stat)(dir).then((s) => { console.log('promisify(stat)', stats(s)); next(); }),
  (next) => fs.opendir(dir, async (err, d) => { const names = []; for await (const e of d) names.push(`${e.name}:${e instanceof Object}/${e instanceof fs.Dirent}`); console.log('opendir', names.sort().join(' ')); next(); }),
  (next) => { const e = new events.EventEmitter(); events.once(e, 'x').then((args) => { console.log('events.once', arr(args)); next(); }); e.emit('x', 1, 2); },
];
const run = (i) => { if (i < steps.length) steps[i](() => run(i + 1)); };
run(0);
