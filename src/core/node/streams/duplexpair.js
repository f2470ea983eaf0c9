// From Node.js v20.20.2's lib/internal/streams/duplexpair.js
// (`process.binding('natives')['internal/streams/duplexpair']` of the node v20.20.2 binary), with
// readable-stream 4.8.0's style of requires.
//
// Why: readable-stream 4.8.0 is Node 18.19's streams and the simulator must print what node
// 20.20.2 prints. Node 20.20.2 has stream.duplexPair(); readable-stream 4.8.0 has no such module.

'use strict';

/* replacement start */

const process = require('readable-stream/lib/internal/shims/process');

/* replacement end */
const {
  Symbol,
} = require('readable-stream/lib/ours/primordials');

const { Duplex } = require('./stream');
const assert = require('assert'); // Node's internal/assert: the host's assert

const kCallback = Symbol('Callback');
const kInitOtherSide = Symbol('InitOtherSide');

class DuplexSide extends Duplex {
  #otherSide = null;

  constructor(options) {
    super(options);
    this[kCallback] = null;
    this.#otherSide = null;
  }

  [kInitOtherSide](otherSide) {
    // Ensure this can only be set once, to enforce encapsulation.
    if (this.#otherSide === null) {
      this.#otherSide = otherSide;
    } else {
      assert(this.#otherSide === null);
    }
  }

  _read() {
    const callback = this[kCallback];
    if (callback) {
      this[kCallback] = null;
      callback();
    }
  }

  _write(chunk, encoding, callback) {
    assert(this.#otherSide !== null);
    assert(this.#otherSide[kCallback] === null);
    if (chunk.length === 0) {
      process.nextTick(callback);
    } else {
      this.#otherSide.push(chunk);
      this.#otherSide[kCallback] = callback;
    }
  }

  _final(callback) {
    this.#otherSide.on('end', callback);
    this.#otherSide.push(null);
  }
}

function duplexPair(options) {
  const side0 = new DuplexSide(options);
  const side1 = new DuplexSide(options);
  side0[kInitOtherSide](side1);
  side1[kInitOtherSide](side0);
  return [ side0, side1 ];
}
module.exports = duplexPair;
