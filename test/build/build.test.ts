/**
 * A build end to end on the bundled sample data, in-process: the dated run, latest/, the index,
 * the manifest and the exports; then a second run the same day, which loads nothing new.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildManifest } from '../../src/build/manifest.js';
import { expandInputs } from '../../src/ingest/files.js';
import { build, type BuildResult } from '../../src/commands/build.js';
import { Warehouse } from '../../src/db/connection.js';
import { reportDefinitions } from '../../src/reportSet.js';
import { sampleDataDir, sha256, snapshot, workspace, type Workspace } from './workspace.js';

describe('build on the sample data', () => {
  let ws: Workspace;
  let first: BuildResult;
  let second: BuildResult;

  beforeAll(async () => {
    ws = workspace(sampleDataDir);
    const options = { out: ws.out, config: ws.config, db: ws.db, asOf: '2026-11-01', export: 'csv,parquet,arrow', tty: false };
    first = await build(options);
    second = await build(options);
  }, 180_000);

  it('writes every report into DIR/2026-11-01 with its data files, and a manifest', () => {
    expect(first.run).toBe('2026-11-01');
    const files = readdirSync(join(ws.out, '2026-11-01'));
    for (const { name } of reportDefinitions) expect(files).toEqual(expect.arrayContaining([`${name}.html`, `${name}.json`]));
    expect(
      readdirSync(join(ws.out, '2026-11-01', 'data'))
        .filter((f) => f.startsWith('funnel__'))
        .sort(),
    ).toEqual(['groups', 'period', 'stages', 'trend'].flatMap((t) => ['arrow', 'csv', 'parquet'].map((ext) => `funnel__${t}.${ext}`)));
    // the run's date is the as-of date; a bare date means the end of that day (UTC)
    expect(first.manifest).toMatchObject({ status: 'complete', asOf: '2026-11-02T00:00:00.000Z', error: null });
  });

  it('records each input file with its checksum and rows, and the rejected rows', async () => {
    const m: BuildManifest = first.manifest;
    const { files } = await expandInputs([ws.inbox]);
    expect(m.inputs.map((i) => i.file)).toEqual(files.map((f) => relative(ws.inbox, f)));
    for (const input of m.inputs) {
      expect(input.sha256).toBe(sha256(join(ws.inbox, input.file)));
      expect(input.loaded + input.rejected + input.duplicates).toBe(input.read);
    }
    // the warehouse's own rejected_rows table agrees with the manifest's total
    const wh = await Warehouse.open({ path: ws.db, readOnly: true });
    const inWarehouse = (await wh.one<{ n: number }>('select count(*)::int as n from rejected_rows'))!.n;
    wh.close();
    expect(m.rejected.rows).toBe(inWarehouse);
    expect(m.rejected.rows).toBeGreaterThan(0); // the sample carries deliberate bad rows
    expect(m.rejected.sample[0]).toMatchObject({ file: expect.any(String), reason: expect.any(String) });
  });

  it('lists every output file with its real size and checksum, and the versions that made it', () => {
    const runDir = join(ws.out, '2026-11-01');
    const listed = first.manifest.files;
    expect(listed.map((f) => f.path)).toContain('funnel.html');
    expect(listed.map((f) => f.path)).not.toContain('manifest.json');
    for (const file of listed) {
      expect(file.sha256).toBe(sha256(join(runDir, file.path)));
      expect(file.bytes).toBe(readFileSync(join(runDir, file.path)).length);
    }
    expect(first.manifest.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(first.manifest.models['marts/fct_lead_stages.sql']).toMatch(/^[0-9a-f]{12}$/);
    expect(Object.keys(first.manifest.timings)).toEqual(expect.arrayContaining(['loadMs', 'modelsMs', 'reportsMs', 'totalMs']));
  });

  it('takes the headline from the report: MQL→SQL is the funnel JSON’s sql conversion', () => {
    const funnel = JSON.parse(readFileSync(join(ws.out, '2026-11-01', 'funnel.json'), 'utf8'));
    const sql = funnel.stages.find((s: { stage: string }) => s.stage === 'sql');
    expect(first.manifest.reports.find((r) => r.name === 'funnel')!.headline.mqlToSql).toBe(sql.conversionFromPrevious);
    expect(sql.conversionFromPrevious).toBeGreaterThan(0);
  });

  it('runs again the same day as 2026-11-01-2, skipping every file by checksum', () => {
    expect(second.run).toBe('2026-11-01-2');
    expect(second.manifest.inputs.every((i) => i.skipped?.startsWith('already loaded'))).toBe(true);
    expect(second.manifest.rejected).toMatchObject({ rows: 0, read: 0, rate: null });
    // same data, same as-of: the same report bytes
    expect(sha256(join(ws.out, '2026-11-01-2', 'funnel.json'))).toBe(sha256(join(ws.out, '2026-11-01', 'funnel.json')));
  });

  it('publishes the newest run as latest/ and lists both runs in the index with their change', () => {
    expect(JSON.parse(readFileSync(join(ws.out, 'latest.json'), 'utf8')).run).toBe('2026-11-01-2');
    const run = snapshot(join(ws.out, '2026-11-01-2'));
    expect(snapshot(join(ws.out, 'latest'))).toEqual(run);
    const index = JSON.parse(readFileSync(join(ws.out, 'index.json'), 'utf8'));
    expect(index.runs.map((r: { run: string; status: string }) => [r.run, r.status])).toEqual([
      ['2026-11-01-2', 'complete'],
      ['2026-11-01', 'complete'],
    ]);
    expect(index.runs[0].cells[0].deltaText).toBe('±0.0 pp'); // same data twice
    const html = readFileSync(join(ws.out, 'index.html'), 'utf8');
    expect(html).toContain('href="2026-11-01/funnel.html"');
    // the overview is the first link of every run, and of the newest run's line
    expect(index.runs[0].links.map((l: { label: string }) => l.label).slice(0, 2)).toEqual(['overview', 'funnel']);
    expect(html.match(/<a href="([^"]+)"/)?.[1]).toBe('latest/overview.html');
    expect(html).not.toContain(ws.root); // no absolute path of this machine
    expect(existsSync(join(ws.out, '.revops-build.lock'))).toBe(false);
  });
});
