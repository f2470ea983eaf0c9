/**
 * The AsyncLocalStorage stores a task or callback runs in, for the timeline's "Colour by"
 * (EventKind.AlsStore, src/core/viewmodel/als.ts).
 *
 * Every storage the program makes while tracing is registered with its number (1-based, in order
 * of creation, unique across the run's threads) and its creation site (one stack capture, at `new AsyncLocalStorage()`). When a
 * task starts or resumes, and when a timer, immediate or I/O callback starts (after its captured
 * context is put back), each registered storage with a store gets one AlsStore event: its number,
 * a short label of the store, the site.
 *
 * The label is data only: Node's `util.inspect` with custom inspectors, getters and proxy traps
 * off (so no program code runs while tracing: a run prints the same with or without it), on one
 * line, depth 0, cut to LABEL_MAX characters. An object store's label is kept per object and
 * made again only when its number of own keys (a Map's or Set's size) changed: a store filled
 * after `run()` (`store.set('requestId', id)`) gets its final label, a busy loop of awaits does
 * not inspect on every resume.
 *
 * Cost: nothing when no storage was made (one boolean read per task start/resume or callback,
 * inside the existing `rt.tracing` branches); with storages, one `getStore` per storage per slice.
 */
import { EventKind } from '../../trace/format';
import { callerSite } from '../caller-site';
import { rt } from '../state';

/** Longest label, in characters (the legend and tooltips show it whole). */
const LABEL_MAX = 40;
/** Storages followed per run: one per request (a misuse) must not make every slice cost more. */
const MAX_STORAGES = 16;

interface TracedStorage {
  storage: object;
  /** The class's own `getStore` (not an override of a subclass: no program code runs). */
  getStore: (this: object) => unknown;
  n: number;
  site: number;
}

const traced: TracedStorage[] = [];
/** Some storage is followed: the emit sites check this before calling `recordStores`. */
export let storesTraced = false;

/** A storage was made (its constructor calls this); followed when tracing, up to MAX_STORAGES. */
export function registerStorage(storage: object, getStore: (this: object) => unknown): void {
  if (!rt.tracing || traced.length >= MAX_STORAGES) return;
  // Numbered by the recorder: a Worker's runtime writes into the same trace, its storages must not share numbers.
  traced.push({ storage, getStore, n: ++rt.rec.ids.storage, site: callerSite('new AsyncLocalStorage()', 'other') });
  storesTraced = true;
}

/** Records the store of every followed storage that has one (call right after the slice's start event). */
export function recordStores(): void {
  for (let i = 0; i < traced.length; i++) {
    const s = traced[i];
    const store = s.getStore.call(s.storage);
    if (store === undefined) continue;
    rt.rec.emit(EventKind.AlsStore, s.n, rt.rec.str(storeLabel(store)), s.site);
  }
}

const objectLabels = new WeakMap<object, { size: number; label: string }>();

let isProxy: ((v: unknown) => boolean) | undefined | null = null;

/** The host's `util.types.isProxy` (a proxy's keys would run the program's trap); undefined if the host has none. */
function proxyCheck(): ((v: unknown) => boolean) | undefined {
  if (isProxy === null) {
    const util = rt.host.requireBuiltin?.('util') as { types?: { isProxy?: (v: unknown) => boolean } } | undefined;
    isProxy = util?.types?.isProxy;
  }
  return isProxy;
}

/** How big an object store is now (a cheap sign that it changed since its label was made); -1: not to be looked into. */
function sizeOf(o: object): number {
  const proxy = proxyCheck();
  if (proxy === undefined || proxy(o)) return -1;
  if (o instanceof Map || o instanceof Set) return o.size;
  return Reflect.ownKeys(o).length;
}

export function storeLabel(store: unknown): string {
  if (store === null || (typeof store !== 'object' && typeof store !== 'function')) return inspectLabel(store);
  const size = sizeOf(store);
  if (size < 0) return inspectLabel(store);
  const known = objectLabels.get(store);
  if (known !== undefined && known.size === size) return known.label;
  const label = inspectLabel(store);
  objectLabels.set(store, { size, label });
  return label;
}

function inspectLabel(value: unknown): string {
  let text: string;
  try {
    text = rt.host.inspect(value, {
      customInspect: false, getters: false, showProxy: true, depth: 0, breakLength: Infinity, compact: true,
      maxArrayLength: 4, maxStringLength: LABEL_MAX, colors: false,
    });
  } catch {
    text = Object.prototype.toString.call(value);
  }
  text = text.replace(/\s+/g, ' ');
  return text.length <= LABEL_MAX ? text : `${text.slice(0, LABEL_MAX - 1)}…`;
}
