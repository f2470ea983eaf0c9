/**
 * "Open sample…": the samples gallery. The samples ship inside the extension (samples/); the
 * chosen one is opened from a scratch copy in the extension's global storage, so the user can
 * edit and re-run it without touching the installed files, and then it runs. The whole folder
 * is copied because samples import each other (chat-common.ts), with what the editor needs to
 * type-check them: a tsconfig.json, the simulated world's types (`async-timeline/sim`, from
 * src/core/sim/public-api.d.ts) and Node's types (@types/node and undici-types: dependencies of the
 * extension, of which the .vsix carries only the declarations — see .vscodeignore).
 */
import * as vscode from 'vscode';
import { CommandId, registerCommand } from './commands';
import type { Visualizer } from './visualize';

/** The scratch folder's tsconfig: what samples/tsconfig.json says, with the types next to it. */
export function sampleTsconfig(withNodeTypes: boolean): string {
  return `${JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'Node16', moduleResolution: 'Node16', lib: ['ES2023'],
      ...(withNodeTypes ? { types: ['node'] } : { types: [] }),
      strict: true, noEmit: true, skipLibCheck: true,
    },
    include: ['*.ts', 'types/*.d.ts'],
  }, null, 2)}\n`;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return vscode.workspace.fs.stat(uri).then(() => true, () => false);
}

/** Copies `from` to `to` unless `to` exists (a folder is copied whole). Returns whether `to` exists afterwards. */
async function copyOnce(from: vscode.Uri, to: vscode.Uri): Promise<boolean> {
  if (await exists(to)) return true;
  if (!(await exists(from))) return false;
  await vscode.workspace.fs.copy(from, to, { overwrite: false });
  return true;
}

/** The types a sample needs to type-check, next to it. */
async function writeTypes(context: vscode.ExtensionContext, target: vscode.Uri): Promise<void> {
  const ext = context.extensionUri;
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, 'types'));
  await copyOnce(vscode.Uri.joinPath(ext, 'src', 'core', 'sim', 'public-api.d.ts'), vscode.Uri.joinPath(target, 'types', 'async-timeline-sim.d.ts'));
  const modules = vscode.Uri.joinPath(target, 'node_modules');
  const node = await copyOnce(vscode.Uri.joinPath(ext, 'node_modules', '@types', 'node'), vscode.Uri.joinPath(modules, '@types', 'node'));
  if (node) await copyOnce(vscode.Uri.joinPath(ext, 'node_modules', 'undici-types'), vscode.Uri.joinPath(modules, 'undici-types'));
  const tsconfig = vscode.Uri.joinPath(target, 'tsconfig.json');
  if (!(await exists(tsconfig))) await vscode.workspace.fs.writeFile(tsconfig, new TextEncoder().encode(sampleTsconfig(node)));
}

/** The gallery, in the order of the explainer's story. File names are relative to samples/. */
export const SAMPLES: readonly { file: string; label: string; description: string }[] = [
  { file: 'hello-async.ts', label: 'Hello World, async', description: 'three gathered coroutines, each sleeping 1 s without blocking: 1.00 s' },
  { file: 'hello-sync.ts', label: 'Hello World, blocking', description: 'the same with a blocking sleep: 3.00 s' },
  { file: 'cafe.ts', label: 'The café', description: 'counters = cores, queues = tasks: 40T, 20T, 20T, 10T' },
  { file: 'chat-sequential.ts', label: 'Chat server 1: sequential', description: 'one client occupies the server, the others wait' },
  { file: 'chat-thread-per-client.ts', label: 'Chat server 2: a thread per client', description: 'works, but every thread costs memory' },
  { file: 'chat-thread-pool.ts', label: 'Chat server 3: a thread pool', description: 'bounded, but slow clients starve new ones' },
  { file: 'chat-multiplexing.ts', label: 'Chat server 4: I/O multiplexing', description: 'one thread asks which sockets are ready' },
  { file: 'chat-async.ts', label: 'Chat server 5: async/await', description: 'new clients get in while others wait on I/O' },
  { file: 'workers.ts', label: 'Threads that are event loops', description: 'two Worker cooks on two cores, dishes as tasks in each: parallel and concurrent' },
  { file: 'threadpool.ts', label: "libuv's threadpool", description: 'eight password hashes on 4 pool threads: two rounds, while the event loop stays free' },
  { file: 'fetch-fanout.ts', label: 'fetch, 4 at a time', description: 'an API client fetches 20 items from its own http server through 4 workers: never more than 4 requests in flight' },
  { file: 'request-context.ts', label: 'Request context (AsyncLocalStorage)', description: 'three requests in flight at once each log their own id after awaits and timers: Colour by paints each task by its request' },
  { file: 'race.ts', label: 'A race: check, await, act', description: 'two transfers read a balance, await, then write it: right under this schedule, money appears under another' },
];

/** Copies the samples folder into scratch storage (files the user already has are kept: they may be edited). */
async function scratchCopy(context: vscode.ExtensionContext): Promise<vscode.Uri> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'samples');
  const target = vscode.Uri.joinPath(context.globalStorageUri, 'samples');
  await vscode.workspace.fs.createDirectory(target);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(source)) {
    // The repository's samples/tsconfig.json points into src/: the scratch copy gets its own (writeTypes).
    if (type !== vscode.FileType.File || name === 'tsconfig.json') continue;
    const to = vscode.Uri.joinPath(target, name);
    const exists = await vscode.workspace.fs.stat(to).then(() => true, () => false);
    if (!exists) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), to);
  }
  await writeTypes(context, target);
  return target;
}

/** Shows the gallery, opens the chosen sample and runs it; returns its URI (undefined if dismissed). */
export async function openSample(context: vscode.ExtensionContext, visualizer: Visualizer | undefined, file?: string): Promise<vscode.Uri | undefined> {
  let chosen = SAMPLES.find((s) => s.file === file);
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(
      SAMPLES.map((s) => ({ label: s.label, description: s.file, detail: s.description, sample: s })),
      { title: 'Open sample', placeHolder: 'Pick a sample to open (a copy you can edit) and run', matchOnDetail: true },
    );
    chosen = pick?.sample;
  }
  if (!chosen) return undefined;
  const folder = await scratchCopy(context);
  const uri = vscode.Uri.joinPath(folder, chosen.file);
  await vscode.window.showTextDocument(uri, { preview: false });
  await visualizer?.visualize(uri);
  return uri;
}

export function registerSamples(context: vscode.ExtensionContext, visualizer: Visualizer): void {
  context.subscriptions.push(registerCommand(CommandId.OpenSample, (file?: string) => openSample(context, visualizer, typeof file === 'string' ? file : undefined)));
}
