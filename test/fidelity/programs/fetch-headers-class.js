// Headers: normalisation, combination, iteration order (sorted, set-cookie apart), guards and
// argument errors, as Node's undici has them.
const h = new Headers([['X-B', '2'], ['x-a', '1']]);
h.append('X-A', 'again');
h.append('Set-Cookie', 'a=1');
h.append('Set-Cookie', 'b=2');
h.set('Content-Type', ' text/plain ');
console.log([...h]);
console.log(h.get('x-a'), h.get('set-cookie'), h.getSetCookie(), h.has('X-B'), h.get('missing'));
h.delete('x-b');
console.log([...h.keys()], [...h.values()].length);
h.forEach((value, key) => console.log('forEach', key, value));
for (const bad of [['bad name', 'v'], ['x', 'bad\nvalue']]) {
  try {
    h.append(bad[0], bad[1]);
  } catch (err) {
    console.log(err.name, err.message);
  }
}
try {
  new Headers([['only-one']]);
} catch (err) {
  console.log(err.name, err.message);
}
const fromObj = new Headers({ b: '2', a: '1' });
console.log(Object.fromEntries(fromObj), new Headers(fromObj).get('a'));
const res = Response.json({ x: 1 });
try {
  res.headers.set('x', 'y');
} catch (err) {
  console.log('immutable:', err.name, err.message);
}
console.log(res.headers.get('content-type'));
