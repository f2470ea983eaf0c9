/**
 * Values made by the host's built-ins (the worker's realm), re-homed in the sandbox's realm
 * where they cross into the program: `fs.readdirSync()` is an Array of the program's realm,
 * `fs.statSync()` a Stats whose chain ends at the program's `Object.prototype`, `path.parse()`
 * a plain object of the program's realm — so `instanceof Array` / `Object`, `x.constructor ===
 * Object` and prototype checks answer as in Node, where there is one realm.
 *
 * Typed arrays and ArrayBuffers are not touched: the sandbox shares the host's constructors
 * (engine/sandbox-builtins.ts `SHARED_BINARY_GLOBALS`). Errors have their own crossing
 * (src/core/node/errors.ts), which keeps Node's stack rules.
 *
 * The value is re-prototyped in place (no copy: identity, own properties and internal slots
 * stay; `Array.isArray` is still true), then its own enumerable properties, a few levels deep.
 * A host class instance (Stats, Dirent, StatFs) gets a *mirror* of its prototype chain: an object
 * of this realm per host prototype, holding the host's members (their methods read `this` only),
 * with a `constructor` that makes host instances and re-homes them (`mirrorClass`), so
 * `stats instanceof fs.Stats` holds when the program's `fs.Stats` is that constructor.
 */

/** Host prototype → its mirror in this realm. */
const mirrors = new WeakMap<object, object>();

/** How deep `intoRealm` follows own properties (host results are shallow: a readdir list of Dirents, a Stats). */
const MAX_DEPTH = 4;

/** A prototype chain that ends at this realm's Object.prototype (or a null-prototype object). */
function isOwnRealm(proto: object): boolean {
  let p: object | null = proto;
  for (;;) {
    const next = Object.getPrototypeOf(p) as object | null;
    if (next === null) return p === Object.prototype;
    p = next;
  }
}

/** The host's `Object.prototype`: the end of a host chain (its own prototype is null). */
function isRootPrototype(proto: object): boolean {
  return Object.getPrototypeOf(proto) === null;
}

/**
 * `value` (made by a host built-in) as a value of this realm; anything else is returned as it is.
 * `classes`: host class instances get a mirror of their chain — only where the program's module
 * exports the mirror classes (fs.Stats, fs.Dirent: `mirrorClass`), else `instanceof` the module's
 * class (`crypto.KeyObject`, `url.Url`) would break; without it they are left as they are.
 */
export function intoRealm<T>(value: T, classes = true): T {
  return adopt(value, 0, new Set(), classes);
}

function adopt<T>(value: T, depth: number, seen: Set<object>, classes: boolean): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const obj = value as unknown as object;
  if (ArrayBuffer.isView(obj) || seen.has(obj)) return value;
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (proto === null) {
    // A null-prototype object (querystring.parse, url.parse's query): of no realm, but its values are the host's.
    seen.add(obj);
    adoptProperties(obj, depth, seen, classes);
    return value;
  }
  if (isOwnRealm(proto)) return value;
  const tag = Object.prototype.toString.call(obj);
  if (tag === '[object Date]') return new Date(Date.prototype.getTime.call(obj)) as unknown as T;
  // Errors: errors.ts. Maps, Sets, RegExps, Promises, ArrayBuffers: not made by the modules re-homed here.
  if (tag !== '[object Array]' && tag !== '[object Object]') return value;
  const plain = Array.isArray(obj) ? Array.isArray(proto) : isRootPrototype(proto);
  if (!plain && !classes) return value;
  seen.add(obj);
  if (Array.isArray(obj)) Object.setPrototypeOf(obj, Array.isArray(proto) ? Array.prototype : mirrorOf(proto));
  else Object.setPrototypeOf(obj, isRootPrototype(proto) ? Object.prototype : mirrorOf(proto));
  adoptProperties(obj, depth, seen, classes);
  return value;
}

/** Re-homes the values of `obj`'s own enumerable data properties (a Date is replaced by one of this realm). */
function adoptProperties(obj: object, depth: number, seen: Set<object>, classes: boolean): void {
  const record = obj as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const desc = Object.getOwnPropertyDescriptor(obj, key);
    if (desc === undefined || !('value' in desc)) continue;
    const own = record[key];
    const adopted = adopt(own, depth + 1, seen, classes);
    if (adopted !== own && desc.writable) record[key] = adopted;
  }
}

/** The mirror of a host prototype (made once): this realm's chain standing for the host's. */
function mirrorOf(hostProto: object): object {
  let proto = mirrors.get(hostProto);
  if (proto !== undefined) return proto;
  const parent = Object.getPrototypeOf(hostProto) as object | null;
  const mirroredParent = parent === null ? null : isRootPrototype(parent) ? Object.prototype : isOwnRealm(parent) ? parent : mirrorOf(parent);
  proto = Object.create(mirroredParent) as object;
  mirrors.set(hostProto, proto);
  Object.defineProperties(proto, Object.getOwnPropertyDescriptors(hostProto));
  const hostCtor = (hostProto as { constructor?: unknown }).constructor;
  if (typeof hostCtor === 'function' && (hostCtor as { prototype?: unknown }).prototype === hostProto) {
    Object.defineProperty(proto, 'constructor', { value: standIn(hostCtor as new (...a: unknown[]) => object, proto), writable: true, configurable: true, enumerable: false });
  }
  return proto;
}

/**
 * The class standing for a host class in this realm: `new` makes a host instance and re-homes
 * it, its `prototype` is the mirror, its statics are the host's.
 */
function standIn(hostCtor: new (...a: unknown[]) => object, proto: object): (...a: unknown[]) => object {
  // A function expression (a method shorthand could not be `new`ed), named as the host's class.
  const Ctor = function (this: unknown, ...args: unknown[]): object {
    // Called without `new`: whatever the host's does (a class throws, Node's old-style functions construct).
    if (new.target === undefined) return intoRealm(Reflect.apply(hostCtor, this, args) as object);
    const made = intoRealm(Reflect.construct(hostCtor, args));
    // A program's subclass (`class S extends fs.Stats`) gets its own prototype, as `super()` would give it.
    if (new.target !== Ctor) Object.setPrototypeOf(made, (new.target as { prototype: object }).prototype);
    return made;
  };
  Object.defineProperty(Ctor, 'name', { value: hostCtor.name, configurable: true });
  for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(hostCtor))) {
    if (key !== 'prototype' && key !== 'name' && key !== 'length') Object.defineProperty(Ctor, key, desc);
  }
  Object.defineProperty(Ctor, 'length', { value: hostCtor.length, configurable: true });
  Object.defineProperty(Ctor, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
  return Ctor;
}

/** The class of this realm standing for the host class `hostCtor` (`fs.Stats`, `fs.Dirent`): instances re-homed by `intoRealm` are its instances. */
export function mirrorClass<C extends abstract new (...a: never[]) => unknown>(hostCtor: C): C {
  const proto = (hostCtor as unknown as { prototype: object }).prototype;
  return (mirrorOf(proto) as { constructor: C }).constructor;
}

/**
 * A host module as the program sees it (`path`, `os`, `url`, `querystring`, nodelib's `crypto`):
 * its functions re-home the arrays and plain objects they return (a `path.parse()` object, an
 * `os.cpus()` array, `generateKeyPairSync()`'s pair — its KeyObjects stay the host's, the
 * module's `KeyObject` class). Classes (a function
 * with a prototype of its own members) and non-functions are kept as they are; nested module
 * objects (`path.posix`, `path.win32`) are treated alike, once each.
 */
export function realmModule<M extends object>(hostModule: M, done = new Map<object, object>()): M {
  const already = done.get(hostModule);
  if (already !== undefined) return already as M;
  const copy = {} as Record<string | symbol, unknown>;
  done.set(hostModule, copy);
  for (const key of Reflect.ownKeys(hostModule)) {
    const desc = Object.getOwnPropertyDescriptor(hostModule, key)!;
    if ('value' in desc) desc.value = realmMember(desc.value, done);
    Object.defineProperty(copy, key, desc);
  }
  return copy as M;
}

function realmMember(value: unknown, done: Map<object, object>): unknown {
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value) && Object.getPrototypeOf(value) !== null && Object.getPrototypeOf(Object.getPrototypeOf(value)) === null && !isOwnRealm(value)) {
    return realmModule(value, done);
  }
  if (typeof value !== 'function') return value;
  const proto = (value as { prototype?: object }).prototype;
  if (proto !== undefined && Object.getOwnPropertyNames(proto).length > 1) return value; // a class
  const done2 = done.get(value as object);
  if (done2 !== undefined) return done2;
  const fn = value as (...a: unknown[]) => unknown;
  const wrapped = {
    [fn.name](this: unknown, ...args: unknown[]): unknown {
      return intoRealm(Reflect.apply(fn, this, args), false);
    },
  }[fn.name];
  Object.defineProperty(wrapped, 'length', { value: fn.length, configurable: true });
  for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(fn))) {
    if (key !== 'prototype' && key !== 'name' && key !== 'length') Object.defineProperty(wrapped, key, desc);
  }
  done.set(value as object, wrapped);
  return wrapped;
}
