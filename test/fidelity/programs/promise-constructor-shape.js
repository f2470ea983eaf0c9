// What a program can see of the global Promise constructor: its shape (typeof, name, length,
// own keys and their descriptors, prototype chain, Function.prototype.toString, util.types.isProxy,
// util.inspect with and without showProxy), V8's messages for a call without `new` and for an
// executor that is not callable, the order of the executor check and the read of
// `newTarget.prototype` (test262 built-ins/Promise/get-prototype-abrupt-executor-not-callable),
// subclassing (super, species, then, statics, the promise an async_hooks `init` sees) and
// instanceof.
'use strict';
const util = require('util');
const show = (label, f) => {
  try {
    console.log(label, f());
  } catch (e) {
    console.log(label, 'threw', e.constructor.name, e.message);
  }
};

console.log('-- shape');
show('typeof', () => typeof Promise);
show('name, length', () => [Promise.name, Promise.length]);
show('toString', () => Function.prototype.toString.call(Promise));
show('template', () => `${Promise}`);
show('isProxy', () => util.types.isProxy(Promise));
show('inspect', () => util.inspect(Promise));
show('inspect showProxy', () => util.inspect(Promise, { showProxy: true }));
show('inspect nested', () => util.inspect({ P: Promise, p: Promise.resolve(4), c: Promise.prototype.constructor }, { showProxy: true }));
show('own keys', () => Reflect.ownKeys(Promise).map(String).join(' '));
for (const key of ['length', 'name', 'prototype']) show(`descriptor ${key}`, () => JSON.stringify({ ...Object.getOwnPropertyDescriptor(Promise, key), value: undefined }));
show('static descriptors', () => Reflect.ownKeys(Promise).filter((k) => typeof k === 'string' && k !== 'length' && k !== 'name' && k !== 'prototype').map((k) => {
  const d = Object.getOwnPropertyDescriptor(Promise, k);
  return `${k}:${d.writable ? 'w' : '-'}${d.enumerable ? 'e' : '-'}${d.configurable ? 'c' : '-'}/${d.value.length}`;
}).join(' '));
show('species getter', () => [Promise[Symbol.species] === Promise, Object.getOwnPropertyDescriptor(Promise, Symbol.species).get.name]);
show('prototype chain', () => [Object.getPrototypeOf(Promise) === Function.prototype, Promise instanceof Function, Object.isExtensible(Promise)]);
show('prototype.constructor', () => Promise.prototype.constructor === Promise);
show('arguments/caller own', () => [Object.hasOwn(Promise, 'arguments'), Object.hasOwn(Promise, 'caller')]);
show('bind', () => [Promise.bind(null).name, Promise.bind(null).length]);

console.log('-- messages');
show('Promise()', () => Promise());
show('Promise(fn)', () => Promise(() => {}));
show('Promise.call', () => Promise.call(Promise.resolve(), () => {}));
show('Reflect.apply', () => Reflect.apply(Promise, undefined, [() => {}]));
for (const [label, value] of [['undefined', undefined], ['1', 1], ['{}', {}], ['"text"', 'text'], ['null', null], ['[1, 2]', [1, 2]], ['symbol', Symbol('s')], ['Promise.prototype', Promise.prototype]]) {
  show(`new Promise(${label})`, () => new Promise(value));
}

console.log('-- executor before newTarget.prototype');
const throwingPrototype = function () {}.bind();
Object.defineProperty(throwingPrototype, 'prototype', { get() { throw new RangeError('prototype read'); } });
show('no executor', () => Reflect.construct(Promise, [], throwingPrototype));
show('executor 1', () => Reflect.construct(Promise, [1], throwingPrototype));
show('executor fn', () => Reflect.construct(Promise, [() => {}], throwingPrototype));
const reads = [];
const counting = function () {}.bind();
Object.defineProperty(counting, 'prototype', { get() { reads.push('prototype'); return Promise.prototype; } });
const constructed = Reflect.construct(Promise, [() => reads.push('executor')], counting);
show('order', () => reads.join(', '));
show('constructed', () => [constructed instanceof Promise, Object.getPrototypeOf(constructed) === Promise.prototype]);
const primitivePrototype = function () {}.bind();
Object.defineProperty(primitivePrototype, 'prototype', { value: 42 });
show('primitive prototype', () => Object.getPrototypeOf(Reflect.construct(Promise, [() => {}], primitivePrototype)) === Promise.prototype);
show('newTarget Promise', () => Object.getPrototypeOf(Reflect.construct(Promise, [() => {}], Promise)) === Promise.prototype);

console.log('-- subclassing');
class Sub extends Promise {
  constructor(executor) {
    super(executor);
    this.tag = 'sub';
  }
}
const s = new Sub((resolve) => resolve(1));
show('instance', () => [s instanceof Sub, s instanceof Promise, s.tag, s.constructor.name, Object.getPrototypeOf(Sub) === Promise]);
show('then species', () => s.then(() => {}) instanceof Sub);
show('Sub.resolve', () => Sub.resolve(2) instanceof Sub);
show('Sub.all', () => Sub.all([1]) instanceof Sub);
show('new Sub()', () => new Sub());
show('Sub()', () => Sub());
class Plain extends Promise {}
show('default constructor', () => [new Plain((r) => r()) instanceof Plain, util.inspect(new Plain((r) => r(5)))]);
function OldStyle(executor) {
  return Reflect.construct(Promise, [executor], OldStyle);
}
OldStyle.prototype = Object.create(Promise.prototype, { constructor: { value: OldStyle } });
show('function subclass', () => [OldStyle((r) => r()) instanceof Promise, OldStyle((r) => r()) instanceof OldStyle]);

const seen = [];
const hook = require('async_hooks').createHook({
  init(id, type, trigger, resource) {
    if (type === 'PROMISE') seen.push(resource instanceof Sub ? 'Sub' : 'Promise');
  },
}).enable();
new Sub((resolve) => resolve());
try {
  Reflect.construct(Promise, [() => {}], throwingPrototype);
} catch {}
hook.disable();
show('async_hooks init', () => seen.join(' '));

console.log('-- instanceof and intrinsics');
show('resolve instanceof', () => Promise.resolve() instanceof Promise);
show('async result', () => [Object.getPrototypeOf((async () => {})()) === Promise.prototype, (async () => {})() instanceof Promise]);
show('resolve.call', () => Promise.resolve.call(Promise, 3) instanceof Promise);
show('resolve identity', () => { const p = new Promise(() => {}); return Promise.resolve(p) === p; });
show('Symbol.hasInstance', () => Promise[Symbol.hasInstance](Promise.reject(0).catch(() => {})));

(async () => {
  console.log('-- async');
  console.log('await thenable', await { then(resolve) { resolve('thenable'); } });
  console.log('all', await Promise.all([1, Promise.resolve(2), new Sub((r) => r(3))]));
  console.log('rejection', await new Promise((_, reject) => reject(new Error('no'))).catch((e) => e.message));
  console.log('executor throws', await new Promise(() => { throw new Error('thrown'); }).catch((e) => e.message));
})();
