/**
 * The view's settings that outlive one trace (the layout of its panes, the time axis, "Colour
 * by", collapsed groups, the chosen tab, the panel's file and mode) and how they are saved as the
 * webview's state (`TimelineViewState`, src/shared/protocol.ts) and read back on a reload.
 */
import type { AxisMode } from '../core/viewmodel/index';
import type { TimelineViewState, WebviewState } from '../shared/protocol';
import type { Scene } from './scene';

/** Saves are debounced: a zoom or a drag saves once, after it settles. */
const PERSIST_DELAY_MS = 250;

export type BottomTab = 'loop' | 'tasks' | 'answers';

export class ViewSettings {
  /** Names of the task groups the user collapsed. */
  collapsed = new Set<string>();
  /** A visualized function's run: the rest of the run (its context) is collapsed. */
  contextCollapsed = true;
  axisMode: AxisMode = 'compressed';
  /** "Colour by": 0 = the bars' state, n = the store of AsyncLocalStorage number n (viewmodel/als.ts). */
  colourBy = 0;
  /** Height of the bottom panes and width of the lane names, in CSS px (0: not chosen yet). */
  bottomSize = 0;
  bottomCollapsed = false;
  labelWidth = 0;
  bottomTab: BottomTab = 'loop';
  /** The panel was kept (pinned to its file) rather than being the reusable preview. */
  pinned = false;
  criticalPathShown = false;
  /** The file the shown run came from (kept in the saved state for the panel serializer). */
  sourceUri: string | undefined;

  /** Takes the layout from a saved state, field by field: a missing or ill-typed field keeps ours. */
  restore(state: TimelineViewState): void {
    if (typeof state.bottomSize === 'number' && state.bottomSize > 0) this.bottomSize = state.bottomSize;
    if (typeof state.bottomCollapsed === 'boolean') this.bottomCollapsed = state.bottomCollapsed;
    if (typeof state.labelWidth === 'number' && state.labelWidth > 0) this.labelWidth = state.labelWidth;
    if (state.axisMode === 'linear' || state.axisMode === 'compressed') this.axisMode = state.axisMode;
    if (typeof state.colourBy === 'number' && Number.isInteger(state.colourBy) && state.colourBy >= 0) this.colourBy = state.colourBy;
    if (typeof state.contextCollapsed === 'boolean') this.contextCollapsed = state.contextCollapsed;
    if (state.bottomTab === 'loop' || state.bottomTab === 'tasks' || state.bottomTab === 'answers') this.bottomTab = state.bottomTab;
    if (typeof state.criticalPathShown === 'boolean') this.criticalPathShown = state.criticalPathShown;
    if (typeof state.pinned === 'boolean') this.pinned = state.pinned;
  }

  /** The state to save while `scene` is shown: where it looks and these settings. */
  stateOf(scene: Scene): TimelineViewState {
    return {
      viewStart: scene.view.x0, viewEnd: scene.view.x1, cursorSeq: scene.cursorSeq, collapsedGroups: [...this.collapsed], scrollTop: scene.scrollTop,
      ...(this.sourceUri !== undefined ? { sourceUri: this.sourceUri } : {}),
      bottomSize: this.bottomSize, bottomCollapsed: this.bottomCollapsed, labelWidth: this.labelWidth, axisMode: this.axisMode, colourBy: this.colourBy,
      contextCollapsed: this.contextCollapsed, bottomTab: this.bottomTab, pinned: this.pinned, criticalPathShown: this.criticalPathShown,
    };
  }
}

/** Saves the state `read` gives (none: nothing to save) a moment after the last call of `soon`. */
export class StateSaver {
  private timer: number | undefined;

  constructor(private readonly read: () => WebviewState | null, private readonly write: (state: WebviewState) => void) {}

  soon(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      const state = this.read();
      if (state) this.write(state);
    }, PERSIST_DELAY_MS);
  }

  /** Drops a pending save (another kind of state is about to be written). */
  cancel(): void {
    window.clearTimeout(this.timer);
  }
}
