// From readable-stream 4.8.0's lib/stream.js and Node.js v20.20.2's lib/stream.js
// (`process.binding('natives')['stream']` of the node v20.20.2 binary): Node 20.20.2's code, in
// its order, with readable-stream's header and requires (readable-stream's primordials, errors,
// validators, util, process shim instead of Node's internal modules). scripts/build.mjs bundles it
// in place of readable-stream's file.
//
// Why: readable-stream 4.8.0 is Node 18.19's streams and the simulator must print what node
// 20.20.2 prints. Node 20.20.2's lib/stream.js defines Stream._isArrayBufferView (used by
// readable.js and writable.js), Stream._isUint8Array and _uint8ArrayToBuffer as Node's, and
// duplexPair. It replaces readable-stream's lib/stream.js, which stream.ts, lib/stream/promises.js
// and the lib/_stream_*.js aliases load.

// Copyright Joyent, Inc. and other Node contributors.
//
// Permission is hereby granted, free of charge, to any person obtaining a
// copy of this software and associated documentation files (the
// "Software"), to deal in the Software without restriction, including
// without limitation the rights to use, copy, modify, merge, publish,
// distribute, sublicense, and/or sell copies of the Software, and to permit
// persons to whom the Software is furnished to do so, subject to the
// following conditions:
//
// The above copyright notice and this permission notice shall be included
// in all copies or substantial portions of the Software.
//
// THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS
// OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF
// MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN
// NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
// DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
// OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE
// USE OR OTHER DEALINGS IN THE SOFTWARE.

'use strict';

const {
  ObjectDefineProperty,
  ObjectKeys,
  ReflectApply,
} = require('readable-stream/lib/ours/primordials');

const {
  promisify: { custom: customPromisify },
} = require('readable-stream/lib/ours/util');

const {
  streamReturningOperators,
  promiseReturningOperators,
} = require('readable-stream/lib/internal/streams/operators');

// Not among readable-stream's errors (its stream.js throws `ERR_ILLEGAL_CONSTRUCTOR()`, which is
// undefined): Node's E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError), made the way
// readable-stream's errors are.
class ERR_ILLEGAL_CONSTRUCTOR extends TypeError {
  constructor() {
    super('Illegal constructor');
  }

  toString() {
    return `${this.name} [ERR_ILLEGAL_CONSTRUCTOR]: ${this.message}`;
  }
}
ERR_ILLEGAL_CONSTRUCTOR.prototype.code = 'ERR_ILLEGAL_CONSTRUCTOR';
const compose = require('./compose');
const { setDefaultHighWaterMark, getDefaultHighWaterMark } = require('readable-stream/lib/internal/streams/state');
const { pipeline } = require('./pipeline');
const { destroyer } = require('./destroy');
const eos = require('./end-of-stream');
// Node's internal/buffer: its FastBuffer is what Buffer[Symbol.species] returns.
const internalBuffer = { FastBuffer: require('buffer').Buffer[Symbol.species] };

const promises = require('readable-stream/lib/stream/promises');
const utils = require('./utils');
// Node's internal/util/types: the host's util.types (realm-independent checks).
const { isArrayBufferView, isUint8Array } = require('util').types;

const Stream = module.exports = require('./legacy').Stream;

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;

Stream.Readable = require('./readable');
const streamKeys = ObjectKeys(streamReturningOperators);
for (let i = 0; i < streamKeys.length; i++) {
  const key = streamKeys[i];
  const op = streamReturningOperators[key];
  function fn(...args) {
    if (new.target) {
      throw new ERR_ILLEGAL_CONSTRUCTOR();
    }
    return Stream.Readable.from(ReflectApply(op, this, args));
  }
  ObjectDefineProperty(fn, 'name', { __proto__: null, value: op.name });
  ObjectDefineProperty(fn, 'length', { __proto__: null, value: op.length });
  ObjectDefineProperty(Stream.Readable.prototype, key, {
    __proto__: null,
    value: fn,
    enumerable: false,
    configurable: true,
    writable: true,
  });
}
const promiseKeys = ObjectKeys(promiseReturningOperators);
for (let i = 0; i < promiseKeys.length; i++) {
  const key = promiseKeys[i];
  const op = promiseReturningOperators[key];
  function fn(...args) {
    if (new.target) {
      throw new ERR_ILLEGAL_CONSTRUCTOR();
    }
    return ReflectApply(op, this, args);
  }
  ObjectDefineProperty(fn, 'name', { __proto__: null, value: op.name });
  ObjectDefineProperty(fn, 'length', { __proto__: null, value: op.length });
  ObjectDefineProperty(Stream.Readable.prototype, key, {
    __proto__: null,
    value: fn,
    enumerable: false,
    configurable: true,
    writable: true,
  });
}
Stream.Writable = require('./writable');
Stream.Duplex = require('./duplex');
Stream.Transform = require('./transform');
Stream.PassThrough = require('readable-stream/lib/internal/streams/passthrough');
Stream.duplexPair = require('./duplexpair');
Stream.pipeline = pipeline;
const { addAbortSignal } = require('readable-stream/lib/internal/streams/add-abort-signal');
Stream.addAbortSignal = addAbortSignal;
Stream.finished = eos;
Stream.destroy = destroyer;
Stream.compose = compose;
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;

ObjectDefineProperty(Stream, 'promises', {
  __proto__: null,
  configurable: true,
  enumerable: true,
  get() {
    return promises;
  },
});

ObjectDefineProperty(pipeline, customPromisify, {
  __proto__: null,
  enumerable: true,
  get() {
    return promises.pipeline;
  },
});

ObjectDefineProperty(eos, customPromisify, {
  __proto__: null,
  enumerable: true,
  get() {
    return promises.finished;
  },
});

// Backwards-compat with node 0.4.x
Stream.Stream = Stream;

Stream._isArrayBufferView = isArrayBufferView;
Stream._isUint8Array = isUint8Array;
Stream._uint8ArrayToBuffer = function _uint8ArrayToBuffer(chunk) {
  return new internalBuffer.FastBuffer(chunk.buffer,
                                       chunk.byteOffset,
                                       chunk.byteLength);
};
