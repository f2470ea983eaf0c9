// http.get with URL strings and URL objects, routed by path and query.
const http = require('http');

const server = http.createServer((req, res) => {
  const url = new URL(req.url, `http://${req.headers.host}`);
  if (url.pathname === '/greet') {
    res.end(`hello ${url.searchParams.get('name')}`);
  } else {
    res.statusCode = 404;
    res.end('not found');
  }
});

const fetchText = (target) => new Promise((resolve, reject) => {
  http.get(target, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => resolve(`${res.statusCode} ${body}`));
  }).on('error', reject);
});

server.listen(0, '127.0.0.1', async () => {
  const base = `http://127.0.0.1:${server.address().port}`;
  console.log(await fetchText(`${base}/greet?name=ada`));
  console.log(await fetchText(new URL('/missing', base)));
  console.log(await fetchText(`${base}/greet?name=${encodeURIComponent('grace hopper')}`));
  console.log('address family', server.address().family, server.address().address);
  server.close();
});
