// maxSockets: 2 limits the connections; five requests queue on the agent.
const http = require('http');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let inFlight = 0;
let peak = 0;
let connections = 0;
const server = http.createServer(async (req, res) => {
  inFlight++;
  peak = Math.max(peak, inFlight);
  console.log('handling', req.url, 'in flight', inFlight);
  // Distinct delays (100, 200, … ms): no two requests finish at the same moment.
  await sleep(100 * Number(req.url.slice(1)));
  inFlight--;
  res.end(req.url);
});
server.on('connection', () => connections++);
const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

server.listen(0, async () => {
  const port = server.address().port;
  const done = [];
  await Promise.all([1, 2, 3, 4, 5].map((i) => new Promise((resolve) => {
    http.get({ port, path: `/${i}`, agent }, (res) => {
      res.resume();
      res.on('end', () => { done.push(i); resolve(); });
    });
  })));
  console.log('done order', done.join(' '), 'peak', peak, 'connections', connections);
  console.log('pending requests', Object.keys(agent.requests).length);
  agent.destroy();
  server.close();
});
