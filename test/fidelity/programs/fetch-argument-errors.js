// The argument errors of Request, Response, Headers, FormData and fetch, and the methods of
// their prototypes: they changed between undici 6 (Node 20/22), 7 (Node 24) and 8 (Node 26),
// so each line must run its own.
const cases = [
  () => new Request('http://x/', { method: 'GET', body: 'a' }),
  () => new Request('http://x/', { method: 'CONNECT' }),
  () => new Request('http://u:p@x/'),
  () => new Response(null, { status: 600 }),
  () => new Response('a', { statusText: 'bad\n' }),
  () => new Headers(5),
  () => new Headers().append('a'),
  () => Response.redirect('nope'),
  () => new Request(new Request('http://x/', { method: 'POST', body: 'x' }), { method: 'GET' }),
  () => new FormData('x'),
  () => new FormData().append('a'),
  () => fetch(),
  () => new Request('http://x/', { mode: 'navigate' }),
  () => new Request('http://x/', { duplex: 'full', body: new ReadableStream(), method: 'POST' }),
  () => new Request('http://x/', { body: new ReadableStream(), method: 'POST' }),
  () => new Request('http://x/', { signal: {} }),
  () => new Response(new ReadableStream()).clone().body.locked,
  () => Response.json(1n),
];
(async () => {
  for (const c of cases) {
    try {
      const r = c();
      if (r && typeof r.then === 'function') await r;
      console.log('ok', typeof r === 'object' && r !== null ? r.constructor.name : r);
    } catch (e) {
      console.log(e.name, e.code, e.message);
    }
  }
  console.log(Object.getOwnPropertyNames(Response.prototype).sort().join(','));
  console.log(Object.getOwnPropertyNames(Request.prototype).sort().join(','));
  console.log(Object.getOwnPropertyNames(Headers.prototype).sort().join(','));
  console.log(Object.getOwnPropertyNames(FormData.prototype).sort().join(','));
})();
