/** Runs a command in a child process and measures its wall time and peak RSS. */
import { spawn } from 'node:child_process';

export interface ChildRun {
  seconds: number;
  peakRssMb: number | null;
  stdout: string;
  stderr: string;
  code: number | null;
}

export function runChild(command: string, args: string[], env: Record<string, string> = {}): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env: { ...process.env, ...env, REVOPS_PRINT_PEAK_RSS: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const rss = /peak-rss-mb=([\d.]+)/.exec(stderr);
      resolve({ seconds, peakRssMb: rss ? Number(rss[1]) : null, stdout, stderr, code });
    });
  });
}
