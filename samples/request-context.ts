// Request-scoped context with AsyncLocalStorage: an HTTP server on 127.0.0.1 gives each request
// an id (`requestContext.run({ requestId }, …)`), and every log line inside the handler — after
// awaits, timers and Promise.all — finds it with `getStore()`, though three requests are in
// flight at once. In the timeline, "Colour by: AsyncLocalStorage at request-context.ts:12"
// paints each task by the request it works for.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The store of one request. */
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

function log(message: string): void {
  console.log(`[${requestContext.getStore()?.requestId ?? 'no request'}] ${message}`);
}

async function loadUser(name: string): Promise<{ name: string }> {
  await sleep(name.length * 20); // the "database": 40, 80 and 140 ms
  log(`user ${name} loaded`);
  return { name };
}

async function loadOrders(name: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 15 + name.length * 25)); // another service: 65, 115 and 190 ms
  log(`orders of ${name} loaded`);
  return name.length;
}

async function handle(url: string): Promise<string> {
  log(`GET ${url}`);
  const name = url.slice('/users/'.length);
  const [user, orders] = await Promise.all([loadUser(name), loadOrders(name)]);
  return `${user.name}: ${orders} orders`;
}

let nextId = 0;
const server = http.createServer((req, res) => {
  requestContext.run({ requestId: `req-${++nextId}` }, async () => {
    const body = await handle(req.url ?? '/');
    res.end(body);
    log('response sent');
  });
});

function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const { port } = server.address() as AddressInfo;
  const bodies = await Promise.all(['al', 'barbara', 'carl'].map((name) => get(port, `/users/${name}`)));
  log(`client got: ${bodies.join(' | ')}`);
  server.close();
});
