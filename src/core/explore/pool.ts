/**
 * The explorer's workers: `size` worker threads (dist/worker.js in explorer mode), each of
 * which bundles the program once and then runs it once per request, each run in a fresh
 * sandbox under the schedule it is given. Requests go to the worker with the fewest in flight.
 * `close()` (or aborting the signal) terminates every worker at once.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceDiagnostic } from '../engine/api';
import type { ExploreRunResult, ExploreWorkerMessage, ParentMessage, WorkerInput } from '../engine/protocol';
import type { RuntimeSchedule } from '../runtime/host-api';

interface Slot {
  worker: Worker;
  inFlight: number;
}

export type PoolStart = { ok: true; pool: ExplorerPool } | { ok: false; diagnostics: SourceDiagnostic[]; output: string };

export class ExplorerPool {
  private readonly waiting = new Map<number, { resolve: (r: ExploreRunResult) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private closed = false;

  private constructor(private readonly slots: Slot[]) {
    for (const slot of slots) {
      slot.worker.on('message', (m: ExploreWorkerMessage) => {
        if (m.type !== 'ran') return;
        slot.inFlight--;
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.resolve(m.result);
      });
      slot.worker.on('error', (e) => this.fail(new Error(`explorer worker crashed: ${e.message}`)));
      slot.worker.on('exit', (code) => {
        if (!this.closed) this.fail(new Error(`explorer worker exited unexpectedly (code ${code})`));
      });
    }
  }

  /** Starts `size` workers; resolves when all have bundled the program (or one says it cannot run). */
  static async start(input: WorkerInput, size: number, memoryMb: number): Promise<PoolStart> {
    const workers = Array.from({ length: size }, () => new Worker(path.join(input.distDir, 'worker.js'), {
      workerData: { ...input, explore: true } satisfies WorkerInput,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    }));
    const ready = await Promise.all(workers.map((w) => new Promise<Extract<ExploreWorkerMessage, { type: 'ready' }>>((resolve, reject) => {
      const onMessage = (m: ExploreWorkerMessage) => {
        if (m.type !== 'ready') return;
        w.off('message', onMessage);
        resolve(m);
      };
      w.on('message', onMessage);
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`explorer worker exited before it was ready (code ${code})`)));
    }))).catch(async (e: unknown) => {
      await Promise.all(workers.map((w) => w.terminate()));
      throw e;
    });
    const failed = ready.find((r) => r.failed);
    if (failed) {
      await Promise.all(workers.map((w) => w.terminate()));
      return { ok: false, diagnostics: failed.diagnostics, output: failed.output };
    }
    for (const w of workers) w.removeAllListeners('error').removeAllListeners('exit');
    return { ok: true, pool: new ExplorerPool(workers.map((worker) => ({ worker, inFlight: 0 }))) };
  }

  /** Runs the program once under `schedule`. */
  run(schedule: RuntimeSchedule): Promise<ExploreRunResult> {
    if (this.closed) return Promise.reject(new Error('the explorer was stopped'));
    const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = this.nextId++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      const message: ParentMessage = { type: 'run', id, schedule };
      slot.worker.postMessage(message);
    });
  }

  private fail(error: Error): void {
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
    void this.close();
  }

  /** Stops every worker at once; runs in flight reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.waiting.values()) w.reject(new Error('the explorer was stopped'));
    this.waiting.clear();
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
