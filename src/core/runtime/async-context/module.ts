/**
 * The sandbox's `async_hooks` module, per Node line: Node 20 exports its own
 * AsyncLocalStorage class; 22+ a getter choosing the implementation (Node 22: async_hooks,
 * 24+: AsyncContextFrame, the default there).
 */
import { createHook } from './hooks';
import { AsyncResource, setAsyncContextMajor } from './resource';
import { cx } from './state';
import { FrameStorage, HookStorage } from './storage';

const topLevelResource = {};

export function executionAsyncId(): number {
  return cx.executionAsyncId;
}

export function triggerAsyncId(): number {
  return cx.triggerAsyncId;
}

export function executionAsyncResource(): object {
  return cx.resource ?? topLevelResource;
}

/** Sets the Node line (before any user code); `acf`: AsyncLocalStorage on AsyncContextFrame. */
export function configureAsyncContext(major: number): void {
  setAsyncContextMajor(major);
  cx.acf = major >= 24;
}

export function makeAsyncHooksModule(real: unknown, major: number): Record<string, unknown> {
  const Storage = major >= 24 ? FrameStorage : HookStorage;
  Object.defineProperty(Storage, 'name', { value: 'AsyncLocalStorage' });
  const providers = (real as { asyncWrapProviders?: unknown } | undefined)?.asyncWrapProviders ?? Object.freeze({ __proto__: null });
  const mod: Record<string, unknown> = {};
  if (major === 20) mod.AsyncLocalStorage = Storage;
  else Object.defineProperty(mod, 'AsyncLocalStorage', { get: () => Storage, enumerable: true, configurable: true });
  Object.assign(mod, {
    createHook,
    executionAsyncId,
    triggerAsyncId,
    executionAsyncResource,
    asyncWrapProviders: providers,
    AsyncResource,
  });
  return mod;
}
