// A JSON POST: the server reads the body, answers with JSON; the client parses it.
const http = require('http');

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString());
    console.log('server got', req.method, req.headers['content-type'], body);
    const out = JSON.stringify({ sum: body.values.reduce((a, b) => a + b, 0), name: body.name.toUpperCase() });
    res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(out) });
    res.end(out);
  });
});

server.listen(0, () => {
  const payload = JSON.stringify({ name: 'ada', values: [1, 2, 3, 4] });
  const req = http.request({ port: server.address().port, method: 'POST', path: '/sum', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } }, (res) => {
    console.log('status', res.statusCode, res.statusMessage, res.headers['content-type']);
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c) => (text += c));
    res.on('end', () => {
      console.log('client got', JSON.parse(text));
      server.close();
    });
  });
  req.on('finish', () => console.log('request finished'));
  req.end(payload);
});
