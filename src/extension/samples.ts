/**
 * "Visualize concurrency: Open sample…": the samples gallery. The samples ship inside the
 * extension (samples/); the chosen one is opened from a scratch copy in the extension's global
 * storage, so the user can edit and re-run it without touching the installed files. The whole
 * folder is copied because samples import each other (chat-common.ts).
 */
import * as vscode from 'vscode';
import { CommandId, registerCommand } from './commands';

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
];

/** Copies the samples folder into scratch storage (files the user already has are kept: they may be edited). */
async function scratchCopy(context: vscode.ExtensionContext): Promise<vscode.Uri> {
  const source = vscode.Uri.joinPath(context.extensionUri, 'samples');
  const target = vscode.Uri.joinPath(context.globalStorageUri, 'samples');
  await vscode.workspace.fs.createDirectory(target);
  for (const [name, type] of await vscode.workspace.fs.readDirectory(source)) {
    if (type !== vscode.FileType.File) continue;
    const to = vscode.Uri.joinPath(target, name);
    const exists = await vscode.workspace.fs.stat(to).then(() => true, () => false);
    if (!exists) await vscode.workspace.fs.copy(vscode.Uri.joinPath(source, name), to);
  }
  return target;
}

/** Shows the gallery and opens the chosen sample; returns its URI (undefined if dismissed). */
export async function openSample(context: vscode.ExtensionContext, file?: string): Promise<vscode.Uri | undefined> {
  let chosen = SAMPLES.find((s) => s.file === file);
  if (!chosen) {
    const pick = await vscode.window.showQuickPick(
      SAMPLES.map((s) => ({ label: s.label, description: s.file, detail: s.description, sample: s })),
      { title: 'Visualize concurrency: Open sample', placeHolder: 'Pick a sample to open (a copy you can edit)', matchOnDetail: true },
    );
    chosen = pick?.sample;
  }
  if (!chosen) return undefined;
  const folder = await scratchCopy(context);
  const uri = vscode.Uri.joinPath(folder, chosen.file);
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

export function registerSamples(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerCommand(CommandId.OpenSample, (file?: string) => openSample(context, file)));
}
