/**
 * The real bin, as cron or systemd runs it: compiled once (`npm run build`), then spawned.
 * A run killed with SIGKILL between writing its reports and switching latest/ must leave latest/
 * and the index exactly as they were, and the next run must take over its lock and succeed;
 * two runs at once: the second exits 75.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { lifecycleDir, sha256, snapshot, workspace, type Workspace } from './workspace.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'revops-report.js');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface Started {
  child: ChildProcess;
  done: Promise<Run>;
  waitFor(event: string): Promise<void>;
}

/** Spawns a build; `waitFor` resolves when it logs a JSON event (needs --log-format json). */
function start(ws: Workspace, extra: string[] = [], env: Record<string, string> = {}): Started {
  const args = [bin, 'build', '--out', ws.out, '--config', ws.config, '--db', ws.db, '--as-of', '2024-04-01', ...extra];
  const child = spawn(process.execPath, args, { cwd: ws.root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { event: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const w of waiters) if (stdout.includes(`"event":"${w.event}"`)) w.resolve();
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  const waitFor = (event: string) =>
    new Promise<void>((resolve, reject) => {
      waiters.push({ event, resolve });
      void done.then((r) => reject(new Error(`build ended (${r.code ?? r.signal}) before "${event}": ${r.stderr}`)));
    });
  return { child, done, waitFor };
}

const runToEnd = (ws: Workspace, extra: string[] = [], env: Record<string, string> = {}) => start(ws, extra, env).done;

describe('revops-report build (the compiled bin)', () => {
  beforeAll(() => {
    // tsc emits even when a file elsewhere in the tree has a type error; what matters here is
    // that the build command was compiled from the current source.
    try {
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'pipe' });
    } catch (error) {
      console.warn(`npm run build reported errors: ${String((error as { stdout?: Buffer }).stdout ?? '')}`);
    }
    expect(existsSync(join(root, 'dist', 'src', 'commands', 'build.js'))).toBe(true);
  }, 180_000);

  it('is quiet when not on a terminal, exits 0, and logs JSON lines when asked', async () => {
    const ws = workspace(lifecycleDir);
    const quiet = await runToEnd(ws);
    expect([quiet.code, quiet.stdout, quiet.stderr]).toEqual([0, '', '']);
    const json = await runToEnd(ws, ['--log-format', 'json']);
    expect(json.code).toBe(0);
    const events = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; level: string; time: string });
    expect(events[0]).toMatchObject({ event: 'start', level: 'info', run: '2024-04-01-2' });
    expect(events.at(-1)).toMatchObject({ event: 'done', status: 'complete', reports: expect.arrayContaining(['funnel']) });
  });

  it('takes every flag the scheduling guide and README use', () => {
    const help = execFileSync(process.execPath, [bin, 'build', '--help'], { encoding: 'utf8' });
    const guides = ['docs/scheduling.md', 'README.md'].map((f) => readFileSync(join(root, f), 'utf8')).join('\n');
    const commands = guides.split('\n').filter((line) => /revops-report build --out/.test(line));
    expect(commands.length).toBeGreaterThanOrEqual(3); // the crontab lines and the systemd ExecStart
    for (const flag of new Set(commands.flatMap((line) => line.match(/--[a-z-]+/g) ?? []))) expect(help).toContain(flag);
  });

  it('ends quietly when its reader closes the pipe early (| head)', async () => {
    // the reader is gone before any output: every write meets a closed pipe
    const child = spawn(process.execPath, [bin, 'build', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('exits 2 on a usage error', async () => {
    const ws = workspace(lifecycleDir);
    const result = await runToEnd(ws, ['--keep', 'many']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--keep must be a positive whole number');
  });

  it('a run killed before the switch leaves latest/ and the index as they were; the next run succeeds', async () => {
    const ws = workspace(lifecycleDir);
    expect((await runToEnd(ws)).code).toBe(0);
    const latestBefore = snapshot(join(ws.out, 'latest'));
    const indexBefore = sha256(join(ws.out, 'index.html'));
    const latestJson = readFileSync(join(ws.out, 'latest.json'), 'utf8');

    const doomed = start(ws, ['--log-format', 'json'], { REVOPS_TEST_PAUSE_AFTER_REPORTS_MS: '60000' });
    await doomed.waitFor('paused'); // reports written, latest/ not yet switched
    expect(existsSync(join(ws.out, '2024-04-01-2', 'funnel.html'))).toBe(true);
    doomed.child.kill('SIGKILL');
    expect((await doomed.done).signal).toBe('SIGKILL');

    expect(snapshot(join(ws.out, 'latest'))).toEqual(latestBefore);
    expect(sha256(join(ws.out, 'index.html'))).toBe(indexBefore);
    expect(readFileSync(join(ws.out, 'latest.json'), 'utf8')).toBe(latestJson);
    expect(existsSync(join(ws.out, '.revops-build.lock'))).toBe(true); // left behind by the dead process

    const next = await runToEnd(ws);
    // the killed run loaded both exports before it died; off a terminal only that is said
    expect([next.code, next.stderr]).toEqual([0, 'build: nothing new: every export in the inbox (2) was already loaded; built from the warehouse as it is\n']);
    expect(JSON.parse(readFileSync(join(ws.out, 'latest.json'), 'utf8')).run).toBe('2024-04-01-3');
    const index = JSON.parse(readFileSync(join(ws.out, 'index.json'), 'utf8'));
    expect(index.runs.map((r: { run: string; status: string }) => [r.run, r.status])).toEqual([
      ['2024-04-01-3', 'complete'],
      ['2024-04-01-2', 'interrupted'],
      ['2024-04-01', 'complete'],
    ]);
  }, 180_000); // three builds of every report, one of them killed

  it('a second run while one is going exits 75 with a clear message', async () => {
    const ws = workspace(lifecycleDir);
    // the pause leaves room for a slow second start on a busy machine
    const first = start(ws, ['--log-format', 'json'], { REVOPS_TEST_PAUSE_AFTER_REPORTS_MS: '12000' });
    await first.waitFor('paused');
    const second = await runToEnd(ws);
    expect(second.code).toBe(75);
    expect(second.stderr).toMatch(/another build is running in .* \(process \d+ on .*\)\. If it is not, remove .*\.revops-build\.lock/);
    expect((await first.done).code).toBe(0);
    // the refused run left no trace: one run, published
    const index = JSON.parse(readFileSync(join(ws.out, 'index.json'), 'utf8'));
    expect(index.runs.map((r: { run: string }) => r.run)).toEqual(['2024-04-01']);
  });
});
