/**
 * The webview's side of the protocol. Inside VS Code it wraps `acquireVsCodeApi()`; in the
 * standalone HTML file there is no host, so posting is a no-op (source links go to the status
 * line instead) and state is not persisted.
 */
import type { HostToWebview, TimelineViewState, WebviewState, WebviewToHost } from '../shared/protocol';
import { isHostToWebview } from '../shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

export interface HostBridge {
  /** True in the standalone HTML file (no extension host to talk to). */
  readonly standalone: boolean;
  post(message: WebviewToHost): void;
  /** The saved timeline view state (a compare panel's saved state is not one: undefined). */
  getState(): TimelineViewState | undefined;
  setState(state: WebviewState): void;
  onMessage(listener: (message: HostToWebview) => void): void;
}

export function connectToHost(): HostBridge {
  // acquireVsCodeApi may be called once per page; it only exists inside a VS Code webview.
  const api = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  return {
    standalone: !api,
    post: (message) => api?.postMessage(message),
    getState: () => {
      const state = api?.getState() as Partial<TimelineViewState> | undefined;
      return state && typeof state.viewStart === 'number' ? (state as TimelineViewState) : undefined;
    },
    setState: (state) => api?.setState(state),
    onMessage: (listener) => {
      window.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (isHostToWebview(event.data)) listener(event.data);
      });
    },
  };
}
