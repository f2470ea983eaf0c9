import assert from 'node:assert/strict';
import { Cores } from '../../../src/core/sim/cores';
import { runDirect, type DirectRun } from '../../../src/core/sim/direct/harness';
import { createSimApi } from '../../../src/core/sim/api';

const K_BLOCK = 40;
const K_IO_START = 41;
const K_IO_DONE = 42;
const K_THREAD_CREATE = 60;
const K_THREAD_EXIT = 61;

const api = (run: DirectRun) => run.require('async-timeline/sim') as ReturnType<typeof createSimApi>;

describe('sim cores', () => {
  it('books the earliest gap on any core; beyond K, work waits for a core', () => {
    const c = new Cores(2);
    assert.deepEqual(c.book(0, 100), { core: 0, start: 0, end: 100 });
    assert.deepEqual(c.book(0, 100), { core: 1, start: 0, end: 100 });
    assert.deepEqual(c.book(50, 10), { core: 0, start: 100, end: 110 });
    assert.deepEqual(c.book(200, 10), { core: 0, start: 200, end: 210 });
  });

  it('8 threads × cpu(100) on 4 cores end at 200; on 8 cores at 100', () => {
    for (const [cores, end] of [
      [4, 200],
      [8, 100],
    ]) {
      const r = runDirect(
        (run) => {
          const sim = api(run);
          sim.configure({ cores });
          const ts = Array.from({ length: 8 }, () => sim.thread(() => sim.cpu(100)));
          for (const t of ts) t.join();
        },
        { cores },
      );
      assert.equal(r.stopped, undefined);
      assert.equal(r.endTime, end);
      assert.equal(r.rows.filter((x) => x[2] === K_THREAD_CREATE).length, 8);
      assert.equal(r.rows.filter((x) => x[2] === K_THREAD_EXIT && x[0] !== 0).length, 8);
      assert.ok(r.rows.some((x) => x[2] === K_BLOCK));
    }
  });
});

describe('sim deadlock and stuck runs', () => {
  it('two threads waiting for each other (Atomics) stop the run with who waits on what', () => {
    const r = runDirect((run) => {
      const sim = api(run);
      const g = run.globals() as { Atomics: typeof Atomics };
      const ia = new Int32Array(new SharedArrayBuffer(8));
      sim.thread(() => g.Atomics.wait(ia, 0, 0), 'A');
      sim.thread(() => g.Atomics.wait(ia, 1, 0), 'B');
    });
    assert.match(r.stopped ?? '', /deadlock/);
    assert.match(r.stopped ?? '', /Atomics\.wait\(0\)/);
    assert.ok(r.rows.length > 0, 'the trace is kept');
  });

  it('a server waiting for a client that never connects: the run stops and says so', () => {
    const r = runDirect((run) => {
      const net = run.require('node:net') as { createServer: (f: () => void) => { listen: (p: number) => void } };
      net.createServer(() => undefined).listen(7000);
    });
    assert.match(r.stopped ?? '', /stuck/);
    assert.match(r.stopped ?? '', /listening server :7000/);
  });

  it('a thread that never ends stops at the virtual-time budget', () => {
    const r = runDirect(
      (run) => {
        const sim = api(run);
        const g = run.globals() as { setInterval: (f: () => void, ms: number) => void };
        sim.thread(() => g.setInterval(() => undefined, 100), 'forever');
      },
      { maxVirtualMs: 10_000 },
    );
    assert.match(r.stopped ?? '', /virtual-time budget/);
  });

  it('a blocking read with no data and no writer is a deadlock naming the socket', () => {
    const r = runDirect((run) => {
      const sim = api(run);
      const net = run.require('node:net') as { createServer: () => { listen: (p: number) => unknown } };
      const server = net.createServer().listen(7000);
      sim.clients({ port: 7000, count: 1, waitForGreeting: true });
      const s = sim.acceptSync(server as never);
      sim.readSync(s!); // the client waits for a greeting that never comes
    });
    assert.match(r.stopped ?? '', /deadlock.*blocked .* in read from client 1/);
  });
});

describe('sim network', () => {
  it('a slow reader makes write() return false until drain (back-pressure)', () => {
    const seen: string[] = [];
    const r = runDirect((run) => {
      const sim = api(run);
      const net = run.require('node:net') as any;
      sim.configure({ highWaterMark: 1000, recvWindowBytes: 1000 });
      const clients = sim.clients({ port: 80, count: 1, messages: ['get'], readBytesPerMs: 1 });
      const server = net.createServer((socket: any) => {
        socket.on('data', () => {
          const big = 'x'.repeat(5000);
          const ok = socket.write(big);
          seen.push(`write ${ok} at ${sim.now()}`);
          socket.on('drain', () => {
            seen.push(`drain at ${sim.now()}`);
            socket.end();
          });
        });
      });
      server.listen(80);
      clients.done.then(() => server.close());
    });
    assert.equal(r.stopped, undefined, r.output);
    assert.equal(seen[0], 'write false at 1');
    const drainAt = Number(/drain at (\d+)/.exec(seen[1])?.[1]);
    assert.ok(drainAt >= 3000 && drainAt < 5000, seen.join('; ')); // 5000 B read at 1 B/ms, minus the window
    const io = r.rows.filter((x) => x[2] === K_IO_START).length;
    assert.equal(io, r.rows.filter((x) => x[2] === K_IO_DONE).length + 1); // the last pending read never completes
  });

  it('for await over a socket, connect from user code, and end/close', () => {
    const lines: string[] = [];
    const r = runDirect((run) => {
      const net = run.require('node:net') as any;
      const server = net.createServer((socket: any) => {
        socket.on('data', (d: string) => socket.write(d.toUpperCase()));
        socket.on('end', () => server.close());
      });
      server.listen(9000, () => {
        const c = net.connect(9000, () => {
          c.write('hello');
          c.on('data', (d: string) => {
            lines.push(d);
            c.end();
          });
          c.on('close', () => lines.push('closed'));
        });
      });
    });
    assert.equal(r.stopped, undefined, r.output);
    assert.deepEqual(lines, ['HELLO', 'closed']);
  });

  it('select reports readable sockets and a server with a pending connection', () => {
    const log: string[] = [];
    runDirect((run) => {
      const sim = api(run);
      const net = run.require('node:net') as any;
      const server = net.createServer().listen(7000);
      sim.clients({ port: 7000, count: 1, arriveAt: 50, messages: ['ping'], awaitReply: false });
      let ready = sim.select([server]);
      log.push(`server ready at ${sim.now()}: ${ready.readable.length}`);
      const s = sim.acceptSync(server)!;
      ready = sim.select([s], [s]);
      log.push(`readable ${ready.readable.length} writable ${ready.writable.length} at ${sim.now()}`);
      sim.select([s]);
      log.push(`data at ${sim.now()}: ${sim.readSync(s)}`);
      sim.endSync(s);
      server.close();
    });
    assert.deepEqual(log, ['server ready at 51: 1', 'readable 0 writable 1 at 51', 'data at 51: ping\n']);
  });
});

describe('sim worker_threads', () => {
  it('Worker with a function: postMessage both ways, workerData cloned, exit event', () => {
    const log: string[] = [];
    const r = runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const data = { n: 21 };
      const w = new wt.Worker(
        (workerData: { n: number }, port: any) => {
          port.on('message', (m: number) => {
            port.postMessage(m * workerData.n);
            port.close();
          });
        },
        { workerData: data },
      );
      w.on('message', (m: number) => log.push(`got ${m}`));
      w.on('exit', (code: number) => log.push(`exit ${code}`));
      w.postMessage(2);
    });
    assert.equal(r.stopped, undefined, r.output);
    assert.deepEqual(log, ['got 42', 'exit 0']);
  });
});

describe('sim thread life cycle', () => {
  it('terminate() ends a blocked worker: exit code 1, no error event, the run goes on', () => {
    const log: string[] = [];
    const r = runDirect((run) => {
      const sim = api(run);
      const wt = run.require('node:worker_threads') as any;
      const g = run.globals() as { setTimeout: (f: () => void, ms: number) => void };
      const A = (run.globals() as { Atomics: typeof Atomics }).Atomics;
      const w = new wt.Worker(() => A.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)); // nobody will notify
      w.on('error', () => log.push('error'));
      w.on('exit', (code: number) => log.push(`exit ${code} at ${sim.now()}`));
      g.setTimeout(() => w.terminate().then((c: number) => log.push(`terminated ${c}`)), 10);
    });
    assert.equal(r.stopped, undefined, r.output);
    assert.ok(log.includes('terminated 1'), log.join('; '));
    assert.ok(!log.includes('error'));
  });

  it('an uncaught error in a worker becomes error then exit 1 on the Worker', () => {
    const log: string[] = [];
    runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const w = new wt.Worker(() => {
        throw new Error('boom');
      });
      w.on('error', (e: Error) => log.push(`error ${e.message}`));
      w.on('exit', (code: number) => log.push(`exit ${code}`));
    });
    assert.deepEqual(log, ['error boom', 'exit 1']);
  });
});

describe('sim nested blocking (documented limitation)', () => {
  it('Atomics ping-pong between two threads is reported as nested blocking, not silently wrong', () => {
    const r = runDirect((run) => {
      const sim = api(run);
      const A = (run.globals() as { Atomics: typeof Atomics }).Atomics;
      const ia = new Int32Array(new SharedArrayBuffer(8));
      sim.thread(() => {
        A.wait(ia, 0, 0); // waits for B's notify
        A.store(ia, 1, 1);
        A.notify(ia, 1);
      }, 'A');
      sim.thread(() => {
        A.store(ia, 0, 1);
        A.notify(ia, 0);
        A.wait(ia, 1, 0); // waits for A, which is below B on the stack
      }, 'B');
    });
    assert.match(r.stopped ?? '', /thread 1 \(A\) is blocked .* its wait is over, but it is below another blocked thread/);
  });
});
