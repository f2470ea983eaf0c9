import assert from 'node:assert/strict';
import { runDirect } from '../../../src/core/sim/direct/harness';
import { DESERIALIZER, TRANSFER_MODE, checkHostObjects, pairHostObjects, structuredCloneSim } from '../../../src/core/sim/clone';

const K_MACROTASK_START = 3;
const K_IO_START = 41;
const K_IO_DONE = 42;
const IO = 4;

describe('sim MessagePort (ports.ts)', () => {
  it('delivers each message as its own Io macrotask, its IoDone right before, after the IoStart of the post', () => {
    const log: string[] = [];
    const r = runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const { port1, port2 } = new wt.MessageChannel();
      port2.on('message', (m: string) => {
        log.push(m);
        if (m === 'b') port2.close();
      });
      port1.postMessage('a');
      port1.postMessage('b');
    });
    assert.equal(r.stopped, undefined, r.output);
    assert.deepEqual(log, ['a', 'b']);
    const starts = r.rows.filter((x) => x[2] === K_IO_START).map((x) => x[3]);
    assert.equal(starts.length, 2);
    for (const io of starts) {
      const done = r.rows.findIndex((x) => x[2] === K_IO_DONE && x[3] === io);
      assert.ok(done > 0, `IoDone of ${io}`);
      const next = r.rows[done + 1];
      assert.deepEqual([next[2], next[3], next[4]], [K_MACROTASK_START, IO, io]);
    }
    assert.equal(r.strings[r.rows.find((x) => x[2] === K_IO_START)![4]], 'port message');
  });

  it('visits ports in creation order, each draining its queue, including what is posted meanwhile', () => {
    const log: string[] = [];
    runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const A = new wt.MessageChannel();
      const B = new wt.MessageChannel();
      A.port2.on('message', (m: number) => {
        log.push(`A${m}`);
        if (m === 2) A.port1.postMessage(3);
        if (m === 3) A.port2.close();
      });
      B.port2.on('message', (m: number) => {
        log.push(`B${m}`);
        if (m === 2) B.port2.close();
      });
      B.port1.postMessage(1);
      A.port1.postMessage(1);
      B.port1.postMessage(2);
      A.port1.postMessage(2);
    });
    assert.deepEqual(log, ['A1', 'A2', 'A3', 'B1', 'B2']);
  });

  it('transfer: the ArrayBuffer is detached in the sender, a port moves with its queue, the old object closes', () => {
    const log: string[] = [];
    const r = runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const { port1, port2 } = new wt.MessageChannel();
      const c = new wt.MessageChannel();
      c.port2.postMessage('queued');
      c.port1.on('close', () => log.push('old closed'));
      const bytes = new Uint8Array([1, 2, 3]);
      port2.on('message', (m: { p: any; bytes: Uint8Array }) => {
        log.push(`bytes ${Array.from(m.bytes).join(',')}`);
        m.p.on('message', (x: string) => {
          log.push(`moved got ${x}`);
          m.p.close();
          c.port2.close();
        });
        port2.close();
      });
      port1.postMessage({ p: c.port1, bytes }, [c.port1, bytes.buffer]);
      log.push(`sender bytes ${bytes.byteLength}`);
      assert.throws(() => port1.postMessage({ p: c.port2 }), /not listed in transferList/);
      assert.throws(() => port1.postMessage(1, [port1]), /source port/);
    });
    assert.equal(r.stopped, undefined, r.output);
    assert.deepEqual(log, ['sender bytes 0', 'bytes 1,2,3', 'old closed', 'moved got queued']);
  });

  it('a port without a listener keeps nothing alive and delivers nothing; start() later delivers the queue', () => {
    const log: string[] = [];
    runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const g = run.globals() as { setTimeout: (f: () => void, ms: number) => void };
      const { port1, port2 } = new wt.MessageChannel();
      port1.postMessage('early');
      assert.equal(port2.hasRef(), false);
      g.setTimeout(() => {
        port2.onmessage = (e: { data: string; ports: unknown[] }) => {
          log.push(`${e.data} ${e.ports.length}`);
          port2.close();
        };
      }, 5);
    });
    assert.deepEqual(log, ['early 0']);
  });

  it('BroadcastChannel: every other open channel of the name, in creation order; closed ones get nothing', () => {
    const log: string[] = [];
    runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const a = new wt.BroadcastChannel('n');
      const b = new wt.BroadcastChannel('n');
      const c = new wt.BroadcastChannel('n');
      const other = new wt.BroadcastChannel('m');
      for (const [name, ch] of [['a', a], ['b', b], ['c', c], ['other', other]] as const) ch.onmessage = (e: { data: string }) => log.push(`${name} ${e.data}`);
      c.close();
      a.postMessage('x');
      b.postMessage('y');
      assert.throws(() => c.postMessage('z'), /BroadcastChannel is closed/);
      a.close();
      b.close();
      other.close();
    });
    // a and b closed synchronously after posting: their handles close before the poll phase.
    assert.deepEqual(log, []);
    const log2: string[] = [];
    runDirect((run) => {
      const wt = run.require('node:worker_threads') as any;
      const a = new wt.BroadcastChannel('n');
      const b = new wt.BroadcastChannel('n');
      const c = new wt.BroadcastChannel('n');
      a.onmessage = (e: { data: string }) => log2.push(`a ${e.data}`);
      b.onmessage = (e: { data: string }) => log2.push(`b ${e.data}`);
      c.addEventListener('message', (e: { data: string }) => {
        log2.push(`c ${e.data}`);
        if (e.data === 'y') for (const ch of [a, b, c]) ch.close();
      });
      b.postMessage('y');
      a.postMessage('x');
    });
    // c's 'x' was in its batch, but close() took the channel's listener away.
    assert.deepEqual(log2, ['a y', 'b x', 'c y']);
  });
});

describe('sim structured clone (clone.ts)', () => {
  it('keeps holes, wrappers, cycles, Map/Set/Date/RegExp, errors with their kind; class instances become plain', () => {
    class Point {
      x = 1;
    }
    // eslint-disable-next-line no-sparse-arrays
    const src: Record<string, unknown> = { list: [1, , 3], n: Object(5), s: Object('s'), m: new Map([[1, { a: 1 }]]), set: new Set([1]), d: new Date(5), re: /x/g, e: new RangeError('r'), p: new Point() };
    src.self = src;
    const out = structuredCloneSim(src) as Record<string, any>;
    assert.equal(out.list.length, 3);
    assert.equal(1 in out.list, false);
    assert.ok(out.n instanceof Number && Number(out.n) === 5);
    assert.ok(out.s instanceof String && String(out.s) === 's');
    assert.deepEqual(out.m.get(1), { a: 1 });
    assert.ok(out.set.has(1) && out.d.getTime() === 5 && out.re.flags === 'g');
    assert.ok(out.e instanceof RangeError && out.e.message === 'r');
    assert.equal(Object.getPrototypeOf(out.p), Object.prototype);
    assert.equal(out.self, out);
  });

  it('refuses functions, symbols, promises and detached buffers with a DataCloneError', () => {
    for (const bad of [() => 1, Symbol('s'), Promise.resolve(), { w: new WeakMap() }]) {
      assert.throws(() => structuredCloneSim(bad), (e: Error) => e.name === 'DataCloneError' && /could not be cloned\.$/.test(e.message));
    }
    const b = new ArrayBuffer(4);
    structuredClone(b, { transfer: [b] });
    assert.throws(() => structuredCloneSim(b), /An ArrayBuffer is detached and could not be cloned\./);
  });

  describe("Node's host objects (a transfer mode, as nodelib's js_transferable marks them)", () => {
    const K_CLONE = Symbol.for('async-timeline.node.kClone');
    const mark = <T extends object>(o: T, mode: number | 'dynamic'): T => Object.defineProperty(o, TRANSFER_MODE, { value: mode });

    it("clones a cloneable one through [kClone]: a snapshot first, the realm's deserializer makes it in the second pass", () => {
      const made: Array<[string, unknown]> = [];
      const g = globalThis as unknown as Record<symbol, unknown>;
      g[DESERIALIZER] = (info: string, data: unknown) => {
        made.push([info, data]);
        return { rebuilt: data };
      };
      try {
        const handle = Object.defineProperty({}, Symbol.for('async-timeline.sim.transferable'), { value: true });
        const blobLike = mark({ [K_CLONE]: () => ({ data: { handle, size: 3 }, deserializeInfo: 'internal/blob:Blob' }) }, 2);
        const snapshot = structuredCloneSim({ a: blobLike, b: blobLike });
        assert.equal(made.length, 0, 'the first pass only describes it');
        const out = structuredCloneSim(snapshot) as { a: { rebuilt: { handle: unknown; size: number } }; b: unknown };
        assert.equal(made.length, 1, 'the same object once');
        assert.equal(out.a, out.b);
        assert.equal(out.a.rebuilt.handle, handle, 'the native handle is shared, as Node shares a Blob’s data');
        assert.equal(out.a.rebuilt.size, 3);
      } finally {
        delete g[DESERIALIZER];
      }
    });

    it('refuses an uncloneable one and a transfer-only one outside the transfer list, with each line’s error', () => {
      const uncloneable = mark({}, 0);
      const stream = mark({}, 1);
      assert.throws(() => structuredCloneSim([uncloneable]), (e: Error) => e.name === 'DataCloneError' && e.message === 'Cannot clone object of unsupported type.');
      assert.throws(() => checkHostObjects({ s: stream }, [], 20), (e: Error & { code?: string }) => e instanceof TypeError && e.code === 'ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST');
      assert.throws(() => checkHostObjects(new Map([[1, stream]]), [], 22), (e: Error) => e.name === 'DataCloneError' && /not listed in transferList/.test(e.message));
      assert.doesNotThrow(() => checkHostObjects({ s: stream }, [stream], 22));
      // Node 20's makeTransferable: the methods decide.
      assert.throws(() => checkHostObjects(mark({ [Symbol.for('async-timeline.node.kTransfer')]() {} }, 'dynamic'), [], 22), /not listed in transferList/);
      // V8 clones an ArrayBuffer itself, whatever mark it carries.
      assert.equal((structuredCloneSim(mark(new ArrayBuffer(2), 0)) as ArrayBuffer).byteLength, 2);
    });

    it('checks data properties only (a getter runs once, in the platform clone) and pairs the platform copy with the originals', () => {
      let reads = 0;
      const host = mark({}, 2);
      const value = { get g() {
        reads++;
        return 1;
      }, list: [1, host], map: new Map([['k', host]]) };
      checkHostObjects(value, [], 22);
      assert.equal(reads, 0);
      const copy = structuredClone(value);
      reads = 0;
      const pairs = pairHostObjects(value, copy, 22);
      assert.equal(reads, 0);
      assert.equal(pairs.get(copy.list[1]), host);
      assert.equal(pairs.get(copy.map.get('k')!), host);
    });
  });
});
