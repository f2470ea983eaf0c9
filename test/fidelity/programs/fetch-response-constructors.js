// Response made by the program: json, redirect, error, from a string and a ReadableStream;
// reading their bodies against ticks, microtasks, timers and immediates.
setTimeout(() => console.log('timeout'), 0);
setImmediate(() => console.log('immediate'));
process.nextTick(() => console.log('tick'));
Promise.resolve().then(() => console.log('microtask'));

const j = Response.json({ a: [1, 2] }, { status: 202, headers: { 'x-k': 'v' } });
console.log('json', j.status, j.headers.get('content-type'), j.headers.get('x-k'));
const r = Response.redirect('http://localhost/next', 307);
console.log('redirect', r.status, r.headers.get('location'), r.type);
const e = Response.error();
console.log('error', e.type, e.status, e.ok);
try {
  Response.redirect('http://localhost/', 200);
} catch (err) {
  console.log(err.name, err.message);
}

(async () => {
  console.log('text start');
  console.log('text', await new Response('hello').text());
  console.log('json body', await j.json());
  let n = 0;
  const stream = new ReadableStream({
    pull(c) {
      n++;
      if (n > 3) c.close();
      else c.enqueue(new TextEncoder().encode(`s${n}`));
    },
  });
  const sr = new Response(stream, { status: 200, statusText: 'Fine' });
  const clone = sr.clone();
  console.log('stream text', await sr.text(), sr.statusText, sr.bodyUsed);
  console.log('clone text', await clone.text());
  console.log('arrayBuffer', new Uint8Array(await new Response(new Uint8Array([1, 2, 3])).arrayBuffer()));
  try {
    new Response('x', { status: 99 });
  } catch (err) {
    console.log(err.name, err.message);
  }
  try {
    new Response('body', { status: 204 });
  } catch (err) {
    console.log(err.name, err.message);
  }
})();
