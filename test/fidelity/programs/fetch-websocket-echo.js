// node: >=22
// The global WebSocket (undici's; unflagged from Node 22) against a WebSocket server the program
// writes by hand on http's 'upgrade': open, text and binary echo, the server's close frame.
const http = require('http');
const crypto = require('crypto');

/** One unfragmented frame from the server (never masked). */
function frame(opcode, payload) {
  const head = payload.length < 126 ? Buffer.from([0x80 | opcode, payload.length]) : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 255]);
  return Buffer.concat([head, payload]);
}

/** The client's frames in `buf` (always masked), and what is left over. */
function parseFrames(buf) {
  const frames = [];
  while (buf.length >= 2) {
    const opcode = buf[0] & 0x0f;
    let len = buf[1] & 0x7f;
    let offset = 2;
    if (len === 126) {
      len = buf.readUInt16BE(2);
      offset = 4;
    }
    if (buf.length < offset + 4 + len) break;
    const mask = buf.subarray(offset, offset + 4);
    const payload = Buffer.from(buf.subarray(offset + 4, offset + 4 + len));
    for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
    frames.push({ opcode, payload });
    buf = buf.subarray(offset + 4 + len);
  }
  return { frames, rest: buf };
}

const server = http.createServer((req, res) => res.writeHead(426).end());
server.on('upgrade', (req, socket) => {
  console.log('server upgrade', req.url, req.headers.upgrade, req.headers['sec-websocket-version']);
  const accept = crypto.createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    const { frames, rest } = parseFrames(Buffer.concat([pending, chunk]));
    pending = rest;
    for (const f of frames) {
      if (f.opcode === 0x8) {
        console.log('server got close', f.payload.readUInt16BE(0), f.payload.subarray(2).toString());
        socket.end(frame(0x8, f.payload));
      } else {
        console.log('server got', f.opcode === 1 ? 'text' : 'binary', f.opcode === 1 ? f.payload.toString() : [...f.payload]);
        socket.write(frame(f.opcode, f.opcode === 1 ? Buffer.from(`echo: ${f.payload}`) : f.payload));
      }
    }
  });
  socket.on('close', () => console.log('server socket closed'));
});

server.listen(0, '127.0.0.1', () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.address().port}/chat`);
  ws.binaryType = 'arraybuffer';
  console.log('readyState', ws.readyState, ws.url.replace(String(server.address().port), 'PORT'));
  ws.addEventListener('open', () => {
    console.log('open', ws.readyState, JSON.stringify(ws.protocol));
    ws.send('hello');
    ws.send(new Uint8Array([1, 2, 3]));
  });
  let n = 0;
  ws.onmessage = (event) => {
    console.log('message', typeof event.data === 'string' ? event.data : [...new Uint8Array(event.data)]);
    if (++n === 2) ws.close(1000, 'done');
  };
  ws.onclose = (event) => {
    console.log('close', event.code, event.reason, event.wasClean, ws.readyState);
    server.close(() => console.log('server closed'));
  };
  ws.onerror = (event) => console.log('error', event.message);
});
