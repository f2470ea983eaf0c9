/**
 * Which tasks are Node's own: async functions of Node's JavaScript layer, which runs inside the
 * sandbox (src/core/node) and is instrumented like the program, so `fs.promises.readFile` makes
 * tasks too. Their sites are in files named `node:…`. Counts meant for the program (the summary's
 * tasks and awaits) leave them out; the timeline can show them apart.
 */
import type { ScannableTrace } from '../trace/format';

/** One flag per task id: 1 when the task is a function of Node's own layer. */
export function internalTasks(trace: Pick<ScannableTrace, 'tasks' | 'sites' | 'files'>): Uint8Array {
  const flags = new Uint8Array(trace.tasks.length);
  const internalFile = trace.files.map((f) => typeof f === 'string' && f.startsWith('node:'));
  trace.tasks.forEach((task, id) => {
    const site = task ? trace.sites[task.site] : undefined;
    if (site && internalFile[site.file]) flags[id] = 1;
  });
  return flags;
}
