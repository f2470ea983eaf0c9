'use strict';
// Async Timeline: `internalBinding('blob')` — Node's native Blob storage (src/node_blob.cc over
// an idempotent DataQueue, src/dataqueue/queue.cc), for memory-resident Blobs. lib/internal/blob.js
// reads a Blob by calling `reader.pull(callback)` until the status is 0 (end of stream), with a
// queueMicrotask between pulls; how many pulls a Blob takes is what decides when text(),
// arrayBuffer(), bytes() and stream()'s reads settle, so the queue is modelled exactly:
//
// - A Blob is a queue of entries: each source part given to the constructor (its bytes, even
//   when empty) or another Blob (its whole queue, as one entry).
// - Pulling a queue pulls its current entry. Bytes come back with status 1 (continue). When the
//   entry reports its end, the queue moves on and reports status 1 with no bytes — or 0 (end)
//   if that was its last entry. An empty queue reports 0 at once.
// - Pulling a memory entry gives all its bytes (one ArrayBuffer, however large), then its end.
// - Every callback runs synchronously, inside `pull` (the data is memory-resident).
// - slice(start, end) keeps the entries the range touches, each cut down (DataQueue::slice: an
//   entry ending exactly at `start` stays, as an empty slice).
// Measured against Node 20–26 (same counts on every line): a Blob of n parts takes 2n pulls.

const STATUS_EOS = 0;
const STATUS_CONTINUE = 1;

class MemoryEntry {
  constructor(bytes) {
    this.bytes = bytes;
    this.size = bytes.byteLength;
  }

  slice(start, end) {
    return new MemoryEntry(this.bytes.subarray(start, end));
  }

  getReader() {
    let done = false;
    const bytes = this.bytes;
    return {
      pull(callback) {
        if (done) return callback(STATUS_EOS, undefined);
        done = true;
        // A copy in an ArrayBuffer of the sandbox's realm, as Node hands out.
        const out = new ArrayBuffer(bytes.byteLength);
        new Uint8Array(out).set(bytes);
        return callback(STATUS_CONTINUE, out);
      },
    };
  }
}

class QueueEntry {
  constructor(queue) {
    this.queue = queue;
    this.size = queue.size;
  }

  slice(start, end) {
    return new QueueEntry(this.queue.slice(start, end));
  }

  getReader() {
    return this.queue.getReader();
  }
}

class BlobHandle {
  constructor(entries) {
    // Node's handle is a native object a clone shares (the data is immutable): the simulation's
    // structured clone passes it by reference (src/core/sim/clone.ts SIM_TRANSFERABLE).
    Object.defineProperty(this, Symbol.for('async-timeline.sim.transferable'), { value: true });
    this.entries = entries;
    this.size = entries.reduce((n, e) => n + e.size, 0);
  }

  slice(start, end) {
    let len = Math.max(0, end - start);
    const slices = [];
    for (const entry of this.entries) {
      if (start > entry.size) {
        start -= entry.size;
        continue;
      }
      if (len === 0) break;
      const amount = Math.min(len, entry.size - start);
      slices.push(entry.slice(start, start + amount));
      len -= amount;
      start = 0;
    }
    return new BlobHandle(slices);
  }

  getReader() {
    const entries = this.entries;
    let index = 0;
    let current;
    return {
      // Node 24+: the callback for a source that had no data yet (STATUS_BLOCK) and now has;
      // memory-resident data never blocks, so it is never called.
      setWakeup() {},
      pull(callback) {
        if (index >= entries.length) return callback(STATUS_EOS, undefined);
        current ??= entries[index].getReader();
        return current.pull((status, buffer) => {
          if (status === STATUS_EOS) {
            current = undefined;
            index++;
            return callback(index < entries.length ? STATUS_CONTINUE : STATUS_EOS, undefined);
          }
          return callback(status, buffer);
        });
      },
    };
  }
}

/** createBlob(sources, length): each source is a Uint8Array (the constructor's copy) or a Blob's handle. */
function createBlob(sources) {
  return new BlobHandle(sources.map((s) => (s instanceof BlobHandle ? new QueueEntry(s) : new MemoryEntry(s))));
}

/** concat(buffers): one ArrayBuffer of the sandbox's realm with all the bytes. */
function concat(buffers) {
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new ArrayBuffer(total);
  const view = new Uint8Array(out);
  let at = 0;
  for (const b of buffers) {
    view.set(ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out;
}

// blob: URLs (URL.createObjectURL) are the host URL's, which cannot hold a sandbox Blob.
const objects = new Map();

module.exports = {
  createBlob,
  concat,
  storeDataObject: (id, handle, length, type) => objects.set(id, [handle, length, type]),
  getDataObject: (id) => objects.get(id),
  revokeObjectURL: (id) => objects.delete(id),
  createBlobFromFilePath() {
    throw new Error('async-timeline: fs.openAsBlob (a file-backed Blob) is not simulated');
  },
  BlobHandle,
};
