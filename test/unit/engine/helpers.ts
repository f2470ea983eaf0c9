/** Shared helpers for engine tests: temp program files, and running the built CLI. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

/** True when the bundles the engine needs are built (`npm run build`). */
export function distReady(): boolean {
  return ['cli.js', 'worker.js', 'runtime.js'].every((f) => fs.existsSync(path.join(ROOT, 'dist', f)));
}

/** Writes files (name → text) into a fresh temp directory; returns its path. */
export function tempProgram(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'at-engine-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export interface CliRun {
  stdout: string;
  stderr: string;
  status: number | null;
}

export function runCli(args: string[], cwd: string = ROOT): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

export function runNode(file: string, cwd: string): CliRun {
  const r = spawnSync(process.execPath, [file], { cwd, encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}
