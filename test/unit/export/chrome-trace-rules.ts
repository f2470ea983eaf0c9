/**
 * What Perfetto's JSON importer (trace processor: json_trace_tokenizer.cc, json_trace_parser_impl.cc,
 * flow_tracker.cc, slice_tracker.cc) needs of a Chrome Trace Event file, written down as checks.
 * Perfetto's trace processor cannot run here (it is not in the npm registry or Debian; its
 * Python package downloads the binary at run time), so this is the documented format, checked;
 * the file is also run through Chrome DevTools' own trace engine (perfetto-consumer.test.ts).
 *
 * Each rule names what goes wrong in Perfetto when it is broken.
 */
import type { ChromeTraceEvent } from '../../../src/core/export/perfetto';

const PHASES = new Set(['B', 'E', 'X', 'b', 'e', 'n', 'i', 'I', 'C', 'M', 's', 't', 'f']);
const TOP_KEYS = new Set(['traceEvents', 'otherData', 'metadata', 'systemTraceEvents']);

/** Perfetto's tokenizer handles \" \\ \/ \b \f \n \r \t and fails on \uXXXX (older releases). */
function needsUnicodeEscape(text: string): boolean {
  // JSON.stringify writes \u for these: other control characters and lone surrogates.
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0007\u000b\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
}

function isWholeUs(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

export function checkChromeTrace(file: unknown): string[] {
  const problems: string[] = [];
  const say = (msg: string): void => { if (problems.length < 50) problems.push(msg); };
  if (typeof file !== 'object' || file === null || Array.isArray(file)) return ['the file is not a JSON object'];
  const top = file as Record<string, unknown>;
  const keys = Object.keys(top);
  // An unknown top-level key makes the tokenizer skip the rest of the file.
  for (const k of keys) if (!TOP_KEYS.has(k)) say(`top-level key "${k}": Perfetto stops reading at an unknown key`);
  // displayTimeUnit "ms" makes Perfetto read every ts as milliseconds.
  if ('displayTimeUnit' in top) say('displayTimeUnit is present: Perfetto would read ts in that unit');
  const events = top.traceEvents;
  if (!Array.isArray(events)) return [...problems, 'traceEvents is not an array'];

  const named = { process: new Set<number>(), thread: new Set<string>() };
  const threadTracks = new Map<string, { ts: number; end: number; name: string; i: number }[]>();
  const asyncTracks = new Map<string, { name: string; ts: number }[]>();
  const flowOut = new Map<number, { ts: number; track: string }>();
  const flowIn = new Map<number, { ts: number; track: string }>();
  const usedThreads = new Set<string>();
  const usedProcesses = new Set<number>();

  events.forEach((raw, i) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return say(`event ${i}: not an object`);
    const e = raw as ChromeTraceEvent & Record<string, unknown>;
    for (const [k, v] of Object.entries(e)) {
      // The tokenizer cannot skip an array value at the top level of an event.
      if (Array.isArray(v)) say(`event ${i}: "${k}" is an array`);
      if (typeof v === 'string' && needsUnicodeEscape(v)) say(`event ${i}: "${k}" would be written with a \\u escape`);
    }
    const text = JSON.stringify(e.args ?? {});
    if (/\\u[0-9a-f]{4}/i.test(text)) say(`event ${i}: args contain a \\u escape`);
    if (typeof e.ph !== 'string' || !PHASES.has(e.ph)) return say(`event ${i}: unknown phase ${String(e.ph)}`);
    if (!Number.isInteger(e.pid)) return say(`event ${i}: pid is not an integer`);
    if (typeof e.name !== 'string' || e.name === '') say(`event ${i}: no name`);
    if (e.ph === 'M') {
      if (e.name === 'process_name' && typeof e.args?.name === 'string') named.process.add(e.pid);
      else if (e.name === 'thread_name' && typeof e.args?.name === 'string' && Number.isInteger(e.tid)) named.thread.add(`${e.pid}/${e.tid}`);
      else if ((e.name === 'process_sort_index' || e.name === 'thread_sort_index') && typeof e.args?.sort_index === 'number') { /* ok */ } else say(`event ${i}: metadata ${e.name} without its argument`);
      return;
    }
    // Events without ts are dropped by the tokenizer (json_tokenizer_failure).
    if (!isWholeUs(e.ts)) return say(`event ${i}: ts ${String(e.ts)} is not a whole, non-negative number of µs`);
    usedProcesses.add(e.pid);
    const threadKey = `${e.pid}/${e.tid}`;
    switch (e.ph as string) {
      case 'X': {
        if (!Number.isInteger(e.tid)) return say(`event ${i}: X without tid`);
        if (!isWholeUs(e.dur)) return say(`event ${i}: dur ${String(e.dur)} is not a whole, non-negative number of µs`);
        usedThreads.add(threadKey);
        let list = threadTracks.get(threadKey);
        if (!list) threadTracks.set(threadKey, (list = []));
        list.push({ ts: e.ts, end: e.ts + e.dur, name: e.name, i });
        break;
      }
      case 'b':
      case 'e': {
        // No id: json_parser_failure; the track is (pid, cat, id).
        if (typeof e.id !== 'string' || e.id === '') return say(`event ${i}: async event without id`);
        const track = `${e.pid}/${e.cat ?? ''}/${e.id}`;
        let stack = asyncTracks.get(track);
        if (!stack) asyncTracks.set(track, (stack = []));
        if (e.ph === 'b') stack.push({ name: e.name, ts: e.ts });
        else {
          const top = stack.pop();
          // SliceTracker::End matches the open slice by name: a mismatch is a misplaced_end_event.
          if (!top) say(`event ${i}: 'e' "${e.name}" on ${track} with nothing open`);
          else if (top.name !== e.name) say(`event ${i}: 'e' "${e.name}" closes "${top.name}" on ${track}`);
          else if (e.ts < top.ts) say(`event ${i}: 'e' "${e.name}" at ${e.ts} before its 'b' at ${top.ts}`);
        }
        break;
      }
      case 'i':
      case 'I':
        if (e.s !== undefined && !['t', 'p', 'g'].includes(e.s)) say(`event ${i}: instant scope ${e.s}`);
        if ((e.s ?? 't') === 't') {
          if (!Number.isInteger(e.tid)) say(`event ${i}: thread instant without tid`);
          usedThreads.add(threadKey);
        }
        break;
      case 'C':
        if (typeof e.args !== 'object' || !e.args || Object.values(e.args).some((v) => typeof v !== 'number')) say(`event ${i}: counter values must be numbers`);
        break;
      default:
        say(`event ${i}: phase ${e.ph} is not one this exporter writes`);
    }
    if (e.bind_id !== undefined) {
      // v2 flows bind to the slice an X / B / b / n event begins.
      if (!['X', 'B', 'b', 'n'].includes(e.ph)) say(`event ${i}: bind_id on a '${e.ph}' event`);
      if (!Number.isInteger(e.bind_id)) say(`event ${i}: bind_id is not an integer`);
      if (!e.flow_in && !e.flow_out) say(`event ${i}: bind_id without flow_in/flow_out (flow_without_direction)`);
      const where = { ts: e.ts, track: e.ph === 'X' ? threadKey : `${e.pid}/${e.cat}/${e.id}` };
      if (e.flow_out) {
        if (flowOut.has(e.bind_id)) say(`event ${i}: flow ${e.bind_id} leaves twice`);
        flowOut.set(e.bind_id, where);
      }
      if (e.flow_in) {
        if (flowIn.has(e.bind_id)) say(`event ${i}: flow ${e.bind_id} arrives twice`);
        flowIn.set(e.bind_id, where);
      }
    }
  });

  // Thread tracks: X slices must nest (Perfetto's slice tracker, and DevTools' tree, drop or
  // misplace a slice that starts inside another and ends after it).
  for (const [track, slices] of threadTracks) {
    slices.sort((p, q) => p.ts - q.ts || q.end - p.end || p.i - q.i);
    const stack: { end: number; name: string }[] = [];
    for (const s of slices) {
      while (stack.length && s.ts >= stack[stack.length - 1].end) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent && s.end > parent.end) say(`thread ${track}: "${s.name}" [${s.ts}, ${s.end}] overlaps the end of "${parent.name}" (${parent.end})`);
      stack.push({ end: s.end, name: s.name });
    }
  }
  for (const [track, stack] of asyncTracks) if (stack.length) say(`async track ${track}: "${stack[stack.length - 1].name}" never ends`);
  for (const [id, out] of flowOut) {
    const into = flowIn.get(id);
    if (!into) say(`flow ${id} leaves but never arrives`);
    else if (into.track === out.track && into.ts < out.ts) say(`flow ${id} goes back in time on ${out.track}`);
  }
  for (const id of flowIn.keys()) if (!flowOut.has(id)) say(`flow ${id} arrives but never left`);
  for (const key of usedThreads) if (!named.thread.has(key)) say(`thread ${key} has no thread_name`);
  for (const pid of usedProcesses) if (!named.process.has(pid)) say(`process ${pid} has no process_name`);
  return problems;
}
