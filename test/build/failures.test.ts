/**
 * What a build does when it must not publish: data checks (exit 3), a broken export (exit 1),
 * usage errors (exit 2); and what --keep removes. Built on the five-lead lifecycle fixture:
 * MQL→SQL there is 4 of 5 = 0.8 (test/metrics/funnel.test.ts works it out by hand).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, type BuildCommandOptions } from '../../src/commands/build.js';
import type { UserError } from '../../src/errors.js';
import { lifecycleDir, snapshot, workspace, writeFile, type Workspace } from './workspace.js';

const run = (ws: Workspace, extra: Partial<BuildCommandOptions> = {}) =>
  build({ out: ws.out, config: ws.config, db: ws.db, asOf: '2024-04-01', tty: false, ...extra });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the build to fail');
    },
    (e: unknown) => e as UserError,
  );

const index = (ws: Workspace) =>
  JSON.parse(readFileSync(join(ws.out, 'index.json'), 'utf8')) as { runs: { run: string; status: string; note: string | null }[] };

describe('build failures and retention', () => {
  it('exits 3 on stale data, keeps the previous latest/ and records the failure in the index', async () => {
    const ws = workspace(lifecycleDir);
    const ok = await run(ws);
    expect(ok.manifest.reports.find((r) => r.name === 'funnel')!.headline.mqlToSql).toBe(0.8);
    const latestBefore = snapshot(join(ws.out, 'latest'));
    // newest entry: L5's "Nurture Track B" 2024-03-11 10:00; the as-of is 2024-04-02 00:00, 21.6 days later
    const error = await failure(run(ws, { maxStaleness: '7d' }));
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('max-staleness 7d exceeded: newest record 2024-03-11T10:00:00.000Z, 21.6 days before the as-of');
    expect(snapshot(join(ws.out, 'latest'))).toEqual(latestBefore);
    expect(JSON.parse(readFileSync(join(ws.out, 'latest.json'), 'utf8')).run).toBe('2024-04-01');
    expect(index(ws).runs.map((r) => [r.run, r.status])).toEqual([
      ['2024-04-01-2', 'failed'],
      ['2024-04-01', 'complete'],
    ]);
    expect(index(ws).runs[0]!.note).toContain('not published');
    // the failed run's reports are kept for inspection, its manifest says why
    const manifest = JSON.parse(readFileSync(join(ws.out, '2024-04-01-2', 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ status: 'failed', error: { exitCode: 3 } });
    expect(existsSync(join(ws.out, '2024-04-01-2', 'funnel.html'))).toBe(true);
    // 22 days is within the limit: the next run publishes
    expect((await run(ws, { maxStaleness: '22d' })).run).toBe('2024-04-01-3');
  });

  it('exits 3 when more of the new rows are rejected than --max-reject-rate allows', async () => {
    const ws = workspace(lifecycleDir);
    // 4 rows: one without a lead_id, one with an impossible date → 2 of 4 rejected = 50%
    writeFile(
      join(ws.inbox, 'late-leads.csv'),
      [
        'lead_id,email,company,created_at,source',
        'L6,fay@zeta.io,Zeta,2024-03-20T10:00:00Z,webinar',
        ',gus@eta.io,Eta,2024-03-21T10:00:00Z,webinar',
        'L8,hal@theta.io,Theta,2024-13-45T10:00:00Z,webinar',
        'L9,ivy@iota.io,Iota,2024-03-22T10:00:00Z,webinar',
        '',
      ].join('\n'),
    );
    const error = await failure(run(ws, { maxRejectRate: '5%' }));
    expect(error.exitCode).toBe(3);
    // read this run: 5 leads + 19 stage events (the fixture) + 4 = 28 rows; 2 rejected = 7.14%
    expect(error.message).toContain('max-reject-rate 5.00% exceeded: 7.14% (2 of 28 rows read this run)');
    expect(error.message).toContain('nothing was loaded');
    expect(existsSync(join(ws.out, 'latest'))).toBe(false); // nothing was ever published
    // the failed run committed nothing: the next run reads the same files again and fails again
    expect((await failure(run(ws, { maxRejectRate: '5%' }))).message).toContain('7.14% (2 of 28 rows read this run)');
    // with the bad file fixed (its two bad rows dropped) the next run loads and publishes
    writeFile(
      join(ws.inbox, 'late-leads.csv'),
      [
        'lead_id,email,company,created_at,source',
        'L6,fay@zeta.io,Zeta,2024-03-20T10:00:00Z,webinar',
        'L9,ivy@iota.io,Iota,2024-03-22T10:00:00Z,webinar',
        '',
      ].join('\n'),
    );
    const next = await run(ws, { maxRejectRate: '5%' });
    expect(next.manifest.rejected).toMatchObject({ rows: 0, read: 26 });
    expect(JSON.parse(readFileSync(join(ws.out, 'latest.json'), 'utf8')).run).toBe(next.run);
  });

  it('records an unreadable export as a failed run with exit 1', async () => {
    const ws = workspace(lifecycleDir);
    await run(ws);
    writeFile(join(ws.inbox, 'mystery.csv'), 'colour,shape\nred,square\n');
    const error = await failure(run(ws));
    expect(error.exitCode).toBe(1);
    // the whole inbox load rolled back, and the build has no --skip-unknown to suggest
    expect(error.message).toContain('mystery.csv: no known export format');
    expect(error.message).toContain('Nothing was loaded: the load of 3 files was rolled back as a whole.');
    expect(index(ws).runs.map((r) => r.status)).toEqual(['failed', 'complete']);
    expect(JSON.parse(readFileSync(join(ws.out, 'latest.json'), 'utf8')).run).toBe('2024-04-01');
  });

  it('--keep 2 removes older dated runs and nothing else', async () => {
    const ws = workspace(lifecycleDir);
    for (const asOf of ['2024-03-30', '2024-03-31', '2024-04-01']) await run(ws, { asOf });
    const last = await run(ws, { asOf: '2024-04-02', keep: 2 });
    expect(last.removed).toEqual(['2024-03-31', '2024-03-30']);
    expect(readdirSync(ws.out).sort()).toEqual(['2024-04-01', '2024-04-02', 'index.html', 'index.json', 'latest', 'latest.json']);
    expect(index(ws).runs.map((r) => r.run)).toEqual(['2024-04-02', '2024-04-01']);
    expect(existsSync(join(ws.inbox, 'leads.csv'))).toBe(true); // the inbox is never touched
  });

  it('rejects bad options with exit 2 before taking the lock', async () => {
    const ws = workspace(lifecycleDir);
    for (const [extra, message] of [
      [{ export: 'xlsx' }, '--export takes csv, parquet, arrow'],
      [{ keep: '0' }, '--keep must be a positive whole number'],
      [{ reports: 'funnel,forecast' }, 'unknown report forecast'],
      [{ maxRejectRate: '150%' }, '--max-reject-rate must be a share from 0 to 1'],
      [{ settleSeconds: '-5' }, '--settle-seconds must be a whole number of seconds'],
      [{ settleSeconds: 'soon' }, '--settle-seconds must be a whole number of seconds'],
      [{ logFormat: 'xml' }, '--log-format must be text or json'],
      [{ asOf: 'yesterday' }, '--as-of "yesterday" is not a date'],
    ] as const) {
      const error = await failure(run(ws, extra));
      expect([error.exitCode, error.message]).toEqual([2, expect.stringContaining(message)]);
    }
    expect(existsSync(ws.out)).toBe(false);
  });
});
