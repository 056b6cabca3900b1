/**
 * The compiled bin (`npm run build` writes dist/), spawned as a shell or a scheduler runs it: for
 * what only a real process shows (a signal, a terminal).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(repoRoot, 'bin', 'revops-report.js');

/** Compiles src/ into dist/ (tsc emits even when a file elsewhere has a type error). */
export function buildBin(): void {
  try {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'pipe' });
  } catch (error) {
    console.warn(`npm run build reported errors: ${String((error as { stdout?: Buffer }).stdout ?? '')}`);
  }
}

export interface BinRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface StartedBin {
  child: ChildProcess;
  done: Promise<BinRun>;
  /** resolves once stderr holds this text */
  waitForStderr(text: string): Promise<void>;
}

/** The bin with its stdout and stderr piped (so neither is a terminal). */
export function startBin(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): StartedBin {
  const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const w of waiters) if (stderr.includes(w.text)) w.resolve();
  });
  const done = new Promise<BinRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const waitForStderr = (text: string) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ text, resolve });
      void done.then((r) => reject(new Error(`ended (${r.code ?? r.signal}) before "${text}": ${r.stderr}`)));
    });
  return { child, done, waitForStderr };
}

export const runBin = (args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) => startBin(args, options).done;
