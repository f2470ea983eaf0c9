/**
 * The sandbox's `AbortSignal`: the host's class (its abort events are synchronous, Node's own),
 * except `AbortSignal.timeout(ms)`, whose timer must be the simulated loop's: the host's would
 * fire in real time on the worker's loop, outside the simulation. As in Node
 * (lib/internal/abort_controller.js), the timer is unref'd — it does not keep the program alive —
 * and aborts with a `TimeoutError` DOMException.
 */

const MAX_UINT32 = 4294967295;

function validateDelay(delay: unknown): number {
  if (typeof delay !== 'number') {
    const received = delay === undefined || delay === null ? String(delay) : typeof delay === 'object' ? `an instance of ${(delay as object).constructor?.name ?? 'Object'}` : `type ${typeof delay} (${String(delay)})`;
    throw Object.assign(new TypeError(`The "delay" argument must be of type number. Received ${received}`), { code: 'ERR_INVALID_ARG_TYPE' });
  }
  if (!Number.isInteger(delay)) {
    throw Object.assign(new RangeError(`The value of "delay" is out of range. It must be an integer. Received ${delay}`), { code: 'ERR_OUT_OF_RANGE' });
  }
  if (delay < 0 || delay > MAX_UINT32) {
    throw Object.assign(new RangeError(`The value of "delay" is out of range. It must be >= 0 && <= ${MAX_UINT32}. Received ${delay}`), { code: 'ERR_OUT_OF_RANGE' });
  }
  return delay;
}

/** Replaces the sandbox's `AbortSignal` global (the host's, set before) by one whose `timeout` runs on the sandbox's timers. */
export function installAbortSignal(sandbox: Record<string, unknown>): void {
  const Host = sandbox.AbortSignal as typeof AbortSignal | undefined;
  if (Host === undefined) return;
  const HostController = sandbox.AbortController as typeof AbortController;
  const timeout = function timeout(delay: unknown): AbortSignal {
    const ms = validateDelay(delay);
    const controller = new HostController();
    const setTimeout = sandbox.setTimeout as (fn: () => void, ms: number) => { unref(): void };
    const DOMExceptionCtor = sandbox.DOMException as typeof DOMException;
    setTimeout(() => controller.abort(new DOMExceptionCtor('The operation was aborted due to timeout', 'TimeoutError')), ms).unref();
    return controller.signal;
  };
  const Sandboxed = new Proxy(Host, {
    get: (target, key, receiver) => (key === 'timeout' ? timeout : Reflect.get(target, key, receiver)),
  });
  Object.defineProperty(sandbox, 'AbortSignal', { value: Sandboxed, writable: true, configurable: true, enumerable: false });
}
