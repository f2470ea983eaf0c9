/**
 * The header above the workspace: the run's summary line (with Save trace… / Open in Perfetto…
 * inside VS Code), the progress of a run going on (with Stop), and the banners that say honestly
 * what the view shows: an early stop, errors, a saved read-only trace, recorded network answers,
 * an out-of-date timeline.
 */
import type { ScannableTrace } from '../core/trace/format';
import { summaryText, type TimelineModel } from '../core/viewmodel/index';
import type { NetworkNotice } from '../core/viewmodel/network-notice';
import type { RunStop, SavedTraceInfo, WebviewToHost } from '../shared/protocol';
import { h } from './dom';
import { TraceActions } from './trace-actions';

export type BannerLevel = 'error' | 'warning' | 'notice';

/** What the banners of a freshly shown trace say. */
export interface TraceNotices {
  /** checkTrace's notices (a trace stopped before its end, an older format …). */
  notices: readonly string[];
  errors: readonly string[];
  threadErrors: readonly string[];
  savedTrace: SavedTraceInfo | undefined;
  network: NetworkNotice | undefined;
  /** Offered on the network banner when the recording can be made again. */
  recordAgain?: () => void;
}

export class RunHeader {
  readonly el: HTMLElement;
  /** Save trace… / Open in Perfetto… (VS Code only). */
  private readonly traceActions: TraceActions | null;
  private readonly summary: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly banners: HTMLElement;

  /** `post` is null in the standalone page (no host: no trace actions). */
  constructor(post: ((message: WebviewToHost) => void) | null) {
    this.summary = h('p', { class: 'tl-summary', role: 'status', 'aria-label': 'Run summary' }, 'Waiting for a trace…');
    this.progress = h('div', { class: 'tl-progress', hidden: true });
    this.banners = h('div', { class: 'tl-banners' });
    this.traceActions = post ? new TraceActions(post) : null;
    this.el = h('header', { class: 'tl-top' }, h('div', { class: 'tl-top-row' }, this.summary, this.traceActions?.el), this.progress, this.banners);
  }

  /** The trace actions apply while a single run's trace is on screen. */
  setTraceActionsAvailable(available: boolean): void {
    this.traceActions?.setAvailable(available);
  }

  /** No run shown (an error or a placeholder): the summary is the view's name. */
  showTitleOnly(): void {
    this.traceActions?.setAvailable(false);
    this.summary.textContent = 'Async Timeline';
  }

  showComparisonSummary(count: number, headline: Node | string): void {
    this.summary.replaceChildren(h('span', { class: 'tl-summary-file' }, `Comparing ${count} runs`), headline);
  }

  /** The run's file, the Node line it imitated, the visualized function and the counts. */
  showRunSummary(trace: ScannableTrace, model: TimelineModel): void {
    const entry = trace.meta.entryFunction;
    // The imitated Node line; a trace from before lines could be chosen imitated Node 20 (format.ts).
    const nodeMajor = typeof trace.meta.nodeMajor === 'number' ? trace.meta.nodeMajor : 20;
    this.summary.replaceChildren(
      h('span', { class: 'tl-summary-file' }, trace.meta.entry || 'trace'),
      h('span', { class: 'tl-summary-node', title: 'The Node.js line this run imitated' }, `Node ${nodeMajor} · `),
      ...(entry ? [h('span', { class: 'tl-summary-entry' }, `${entry}() · `)] : []),
      summaryText(model.summary),
      h('span', { class: 'tl-stale-badge' }, ' · out of date'),
    );
    this.summary.setAttribute('aria-label', `Run summary: ${entry ? `${entry}(), ` : ''}${summaryText(model.summary)}, imitating Node ${nodeMajor}`);
  }

  /** A run is going on: a progress bar with Stop. */
  showRunning(file: string, stop: () => void): void {
    this.progress.replaceChildren(
      h('div', { class: 'tl-progress-bar', role: 'progressbar', 'aria-label': `Running ${file}`, 'aria-valuetext': 'running' }),
      h('span', { class: 'tl-progress-text' }, `Running ${file}…`),
      actionButton('Stop', 'Stop this run (the timeline keeps what ran so far)', stop),
    );
    this.progress.hidden = false;
  }

  hideProgress(): void {
    this.progress.hidden = true;
    this.progress.replaceChildren();
  }

  /** One banner for an early stop, in the host's words (replacing the trace's own notice), with "Continue for longer" when it can. */
  showStop(stop: RunStop, continueRun: (() => void) | undefined): void {
    this.removeBanners('stop');
    const banner = this.showBanner(stop.message, stop.kind === 'cancel' ? 'notice' : 'warning', 'stop');
    banner.dataset.stop = stop.kind;
    if (continueRun) banner.append(' ', actionButton('Continue for longer', 'Run it again with a larger budget', continueRun));
  }

  /** The out-of-date banner (none when `stale` is false), with Re-run when there is a host to run it. */
  setStale(stale: boolean, reason: string | undefined, rerun: (() => void) | undefined): void {
    this.removeBanners('stale');
    if (!stale) return;
    const banner = this.showBanner(`Out of date: ${reason ?? 'this timeline is from an earlier version of the file.'}`, 'warning', 'stale');
    if (rerun) banner.append(' ', actionButton('Re-run', 'Run the current text of the file', rerun));
  }

  /** Replaces every banner with the ones a freshly shown trace needs. */
  showTraceNotices(n: TraceNotices): void {
    this.banners.replaceChildren();
    for (const notice of n.notices) this.showBanner(notice, 'warning', /stopped before its end/.test(notice) ? 'stop' : 'notice');
    for (const error of n.errors) this.showBanner(`The program ended with an error:\n${error}`, 'error');
    for (const error of n.threadErrors) this.showBanner(`A worker thread ended with an error (its parent got it as an 'error' event):\n${error}`, 'notice');
    if (n.savedTrace) {
      const saved = this.showBanner(`Saved trace ${n.savedTrace.name} (read-only): nothing runs here; source links open the files it names, as they are now.`, 'notice', 'saved');
      for (const notice of n.savedTrace.notices) saved.append(h('span', { class: 'tl-banner-text' }, ` ${notice}`));
    }
    if (n.network) {
      const banner = this.showBanner(n.network.text, 'notice', 'network');
      if (n.network.canRecordAgain && n.recordAgain) {
        banner.append(' ', actionButton('Record again', 'Run it again, performing its requests to outside hosts for real and replacing their recording', n.recordAgain));
      }
    }
  }

  clearBanners(): void {
    this.banners.replaceChildren();
  }

  showBanner(text: string, level: BannerLevel, kind: string = level): HTMLElement {
    const banner = h('div', { class: `tl-banner tl-${level}`, role: level === 'error' ? 'alert' : 'note', 'data-kind': kind }, h('span', { class: 'tl-banner-text' }, text));
    this.banners.append(banner);
    return banner;
  }

  private removeBanners(kind: string): void {
    for (const old of this.banners.querySelectorAll(`[data-kind=${kind}]`)) old.remove();
  }
}

function actionButton(label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { type: 'button', class: 'tl-action', title }, label);
  b.addEventListener('click', onClick);
  return b;
}
