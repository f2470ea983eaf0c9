// From Node.js v26.12.1's lib/internal/streams/readable.js (`createAsyncIterator`,
// `process.binding('natives')['internal/streams/readable']` of the node v26.12.1 binary): Node's
// code and order, with readable-stream's requires and a plain array for internal/fixed_queue.
//
// Why: Node 26 replaced the async generator behind `readable[Symbol.asyncIterator]()` with this
// hand-written iterator: a chunk already buffered resolves `next()` at once (no generator
// resumption), so `for await` over a Readable — and stream/consumers, which uses it — settles in
// fewer promise ticks (test/fidelity: stream-ticks-async-iterator.js, consumers-ticks.js).
// readable.js uses it when the imitated line is 26 or later.

'use strict';

const { aggregateTwoErrors } = require('readable-stream/lib/ours/errors');
const eos = require('./end-of-stream');
const destroyImpl = require('./destroy');

const nop = () => {};
const FunctionPrototypeCall = (fn, self, ...args) => Reflect.apply(fn, self, args);
const PromisePrototypeThen = (p, onFulfilled, onRejected) => p.then(onFulfilled, onRejected);
const PromiseResolve = (v) => Promise.resolve(v);
const PromiseReject = (e) => Promise.reject(e);
// The realm's own %AsyncIteratorPrototype%, from a real (not instrumented) async generator function.
// eslint-disable-next-line no-new-func
const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(Function('return async function*() {}')().prototype));

/** internal/fixed_queue's interface, on an array (the queue stays tiny). */
class FixedQueue {
  constructor() { this.items = []; }
  isEmpty() { return this.items.length === 0; }
  push(item) { this.items.push(item); }
  shift() { return this.items.shift(); }
}

// Async iterator over a Readable. Requests received while another is
// outstanding are queued and processed in order.
function createAsyncIterator(stream, options) {
  let callback = nop;
  let error;            // undefined: active, null: ended cleanly, else: Error
  let started = false;
  let completed = false;
  let inFlight = false; // An asynchronous request is outstanding
  let queue = null;     // Requests received while inFlight
  let draining = false;
  let cleanup;

  // Used both as the 'readable' listener (where `this === stream`) and
  // as a promise executor storing the resolver that wakes up a pending
  // pump().
  function wakeup(resolve) {
    if (this === stream) {
      callback();
      callback = nop;
    } else {
      callback = resolve;
    }
  }

  function start() {
    started = true;

    stream.on('readable', wakeup);

    cleanup = eos(stream, { writable: false }, (err) => {
      error = err ? aggregateTwoErrors(error, err) : null;
      callback();
      callback = nop;
    });
  }

  // Complete the iterator and either destroy the stream or detach
  // from it.
  function finalize() {
    completed = true;

    if (
      (error || options?.destroyOnReturn !== false) &&
      (error === undefined || stream._readableState.autoDestroy)
    ) {
      destroyImpl.destroyer(stream, null);
    } else {
      stream.off('readable', wakeup);
      cleanup();
    }
  }

  function settleError(err, reject) {
    error = aggregateTwoErrors(error, err);
    finalize();
    reject(error);
  }

  function drain() {
    // Requests settled synchronously call back into drain(); the guard
    // keeps a single loop going instead of recursing once per request.
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!inFlight && !queue.isEmpty()) {
        const req = queue.shift();
        if (req.type === 'next') {
          processNext(req.resolve, req.reject);
        } else if (req.type === 'return') {
          processReturn(req.value, req.resolve);
        } else {
          processThrow(req.value, req.reject);
        }
      }
    } finally {
      draining = false;
    }
  }

  // Thenable chunks are unwrapped before delivery; a rejection tears
  // down the iterator and the stream.
  function onChunkFulfilled(value) {
    inFlight = false;
    if (queue !== null) drain();
    return { done: false, value };
  }

  function onChunkRejected(err) {
    inFlight = false;
    error = aggregateTwoErrors(error, err);
    finalize();
    if (queue !== null) drain();
    throw error;
  }

  // Runs with inFlight === true; settles the request and hands over to
  // any requests that queued up behind it.
  function pump(resolve, reject) {
    const chunk = stream.destroyed ? null : stream.read();
    if (chunk !== null) {
      // Read `then` only once so that a getter cannot observe (or throw
      // on) a second access. `undefined` is a valid chunk value, so it must
      // not be dereferenced here.
      const then = chunk?.then;
      if (typeof then === 'function') {
        FunctionPrototypeCall(then, chunk, (value) => {
          inFlight = false;
          resolve({ done: false, value });
          if (queue !== null) drain();
        }, (err) => {
          inFlight = false;
          settleError(err, reject);
          if (queue !== null) drain();
        });
        return;
      }
      inFlight = false;
      resolve({ done: false, value: chunk });
      if (queue !== null) drain();
    } else if (error) {
      inFlight = false;
      settleError(error, reject);
      if (queue !== null) drain();
    } else if (error === null) {
      inFlight = false;
      finalize();
      resolve({ done: true, value: undefined });
      if (queue !== null) drain();
    } else {
      // No data buffered yet; wait for 'readable' or end-of-stream and
      // retry.
      PromisePrototypeThen(new Promise(wakeup), () => pump(resolve, reject));
    }
  }

  function processNext(resolve, reject) {
    if (completed) {
      resolve({ done: true, value: undefined });
      return;
    }
    if (!started) start();
    inFlight = true;
    pump(resolve, reject);
  }

  function processReturn(value, resolve) {
    if (!completed) {
      if (started) {
        finalize();
      } else {
        // Never started: complete without touching the stream.
        completed = true;
      }
    }
    resolve({ done: true, value });
  }

  function processThrow(err, reject) {
    if (completed || !started) {
      completed = true;
      reject(err);
      return;
    }
    settleError(err, reject);
  }

  return {
    __proto__: AsyncIteratorPrototype,
    next() {
      if (!inFlight && !completed) {
        if (!started) start();
        // Fast path: a chunk is already buffered.
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) {
          // Read `then` only once so that a getter cannot observe (or
          // throw on) a second access. `undefined` is a valid chunk value,
          // so it must not be dereferenced here.
          const then = chunk?.then;
          if (typeof then === 'function') {
            inFlight = true;
            return FunctionPrototypeCall(
              then, chunk, onChunkFulfilled, onChunkRejected);
          }
          return PromiseResolve({ done: false, value: chunk });
        }
        if (error) {
          finalize();
          return PromiseReject(error);
        }
        if (error === null) {
          finalize();
          return PromiseResolve({ done: true, value: undefined });
        }
        // No data buffered yet; wait for 'readable' or end-of-stream.
        inFlight = true;
        return new Promise((resolve, reject) => {
          PromisePrototypeThen(new Promise(wakeup), () => pump(resolve, reject));
        });
      }
      return new Promise((resolve, reject) => {
        if (inFlight) {
          queue ??= new FixedQueue();
          queue.push({ __proto__: null, type: 'next', value: undefined, resolve, reject });
        } else {
          resolve({ done: true, value: undefined });
        }
      });
    },
    return(value) {
      return new Promise((resolve, reject) => {
        if (inFlight) {
          queue ??= new FixedQueue();
          queue.push({ __proto__: null, type: 'return', value, resolve, reject });
        } else {
          processReturn(value, resolve);
        }
      });
    },
    throw(err) {
      return new Promise((resolve, reject) => {
        if (inFlight) {
          queue ??= new FixedQueue();
          queue.push({ __proto__: null, type: 'throw', value: err, resolve, reject });
        } else {
          processThrow(err, reject);
        }
      });
    },
  };
}

module.exports = { createAsyncIterator };
