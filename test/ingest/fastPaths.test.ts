// The loader's shortcuts must give the same rows as its general paths: dates are parsed as ISO
// first and profiled only when a value fails; an empty table takes a plain insert; a table
// with rows already takes the merge. Files are written per test into a temporary folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { openTestWarehouse } from '../helpers/db.js';

const config = parseConfig({ timezone: 'UTC' });
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function files(contents: Record<string, string>): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'revops-fast-'));
  folders.push(folder);
  const paths: string[] = [];
  for (const [name, text] of Object.entries(contents)) {
    paths.push(join(folder, name));
    await writeFile(paths.at(-1)!, text);
  }
  return paths;
}

describe('loader shortcuts', () => {
  it('profiles a date column only when the ISO parse fails, and then parses it in its own format', async () => {
    const wh = await openTestWarehouse();
    // 13/02 is only possible as day-first: the whole column is DD/MM/YYYY
    const [path] = await files({ 'stage_events.csv': 'lead_id,stage,entered_at\nA1,lead,01/02/2024 09:30\nA1,mql,13/02/2024 10:00\n' });
    const summary = await loadFiles(wh, config, { paths: [path!], crm: 'auto' });
    expect(summary.files.map((f) => [f.loaded, f.rejected])).toEqual([[2, 0]]);
    const rows = await wh.all(`select stage_raw, strftime(entered_at, '%Y-%m-%d %H:%M') as at from stage_events order by entered_at`);
    expect(rows).toEqual([{ stage_raw: 'lead', at: '2024-02-01 09:30' }, { stage_raw: 'mql', at: '2024-02-13 10:00' }]);
  });

  it('rejects the one value that is not ISO in an ISO column, with the reason', async () => {
    const wh = await openTestWarehouse();
    // 2 ISO values against 1 slash value: the column is ISO and the slash value is unparseable
    const [path] = await files({
      'stage_events.csv': 'lead_id,stage,entered_at\nB1,lead,2024-03-01T10:00:00Z\nB1,mql,2024-03-02T10:00:00Z\nB2,lead,03/04/2024\n',
    });
    const summary = await loadFiles(wh, config, { paths: [path!], crm: 'auto' });
    expect(summary.files.map((f) => [f.read, f.loaded, f.rejected])).toEqual([[3, 2, 1]]);
    const rejected = await wh.all(`select line_number, reason from rejected_rows`);
    expect(rejected).toEqual([{ line_number: 4, reason: 'unparseable date in "entered_at": 03/04/2024' }]);
  });

  it('marks an exact repeat as a duplicate and a changed repeat as a conflict', async () => {
    const wh = await openTestWarehouse();
    const [path] = await files({
      'leads.csv': 'lead_id,created_at,source\nC1,2024-01-01T00:00:00Z,web\nC1,2024-01-01T00:00:00Z,web\nC2,2024-01-02T00:00:00Z,web\nC2,2024-01-02T00:00:00Z,ads\n',
    });
    const summary = await loadFiles(wh, config, { paths: [path!], crm: 'auto' });
    // C1: row 2 repeats row 1 exactly; C2: row 4 has C2's key with another source
    expect(summary.files.map((f) => [f.read, f.loaded, f.rejected, f.duplicates])).toEqual([[4, 2, 1, 1]]);
    expect(await wh.all(`select lead_id, source from leads order by lead_id`)).toEqual([
      { lead_id: 'C1', source: 'web' }, { lead_id: 'C2', source: 'web' },
    ]);
    expect(await wh.all(`select reason from rejected_rows`)).toEqual([{ reason: 'conflicting duplicate: same key as row 3 with different values' }]);
  });

  it('merges a second export into tables the first filled: newer leads and their fields win', async () => {
    const wh = await openTestWarehouse();
    // the file names carry the export dates (snapshot times)
    const paths = await files({
      'leads_2024-01-10.csv': 'lead_id,created_at,industry,employees\nD1,2024-01-01T00:00:00Z,software,10\nD2,2024-01-02T00:00:00Z,retail,20\n',
      'leads_2024-02-10.csv': 'lead_id,created_at,industry\nD1,2024-01-01T00:00:00Z,retail\nD3,2024-02-01T00:00:00Z,media\n',
    });
    await loadFiles(wh, config, { paths: [paths[0]!], crm: 'auto' });
    await loadFiles(wh, config, { paths: [paths[1]!], crm: 'auto' });
    expect(await wh.all(`select lead_id, load_id from leads order by lead_id`)).toEqual([
      { lead_id: 'D1', load_id: 2 }, { lead_id: 'D2', load_id: 1 }, { lead_id: 'D3', load_id: 2 },
    ]);
    // D1's fields come from the newer export only (its employees value is gone); D2 keeps its own
    expect(await wh.all(`select lead_id, field, value from lead_fields order by all`)).toEqual([
      { lead_id: 'D1', field: 'industry', value: 'retail' },
      { lead_id: 'D2', field: 'employees', value: '20' },
      { lead_id: 'D2', field: 'industry', value: 'retail' },
      { lead_id: 'D3', field: 'industry', value: 'media' },
    ]);
  });

  it('adds only the new facts when stage events are loaded into a filled table', async () => {
    const wh = await openTestWarehouse();
    const paths = await files({
      'first.csv': 'lead_id,stage,entered_at\nE1,lead,2024-01-01T00:00:00Z\nE1,mql,2024-01-05T00:00:00Z\n',
      'second.csv': 'lead_id,stage,entered_at\nE1,mql,2024-01-05T00:00:00Z\nE1,sql,2024-01-09T00:00:00Z\n',
    });
    const summary = await loadFiles(wh, config, { paths, crm: 'auto' });
    expect(summary.files.map((f) => f.loaded)).toEqual([2, 2]);
    // the mql entry is in both files: kept once, from the first load
    expect(await wh.all(`select stage_raw, load_id from stage_events order by entered_at`)).toEqual([
      { stage_raw: 'lead', load_id: 1 }, { stage_raw: 'mql', load_id: 1 }, { stage_raw: 'sql', load_id: 2 },
    ]);
  });
});
