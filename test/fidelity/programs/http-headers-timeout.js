// headersTimeout: a client that sends half a request head and stalls gets 408 Request Timeout.
const http = require('http');
const net = require('net');

const server = http.createServer({ headersTimeout: 150, requestTimeout: 0, connectionsCheckingInterval: 50 }, () => console.log('unexpected request'));
server.listen(0, () => {
  const socket = net.connect(server.address().port, '127.0.0.1', () => {
    console.log('connected');
    socket.write('GET /stall HTTP/1.1\r\nHost: x\r\n');
  });
  let text = '';
  socket.on('data', (d) => (text += d));
  socket.on('end', () => {
    console.log('server answered', JSON.stringify(text.split('\r\n')[0]), 'connection', /Connection: close/i.test(text));
    socket.end();
    server.close(() => console.log('server closed'));
  });
});
