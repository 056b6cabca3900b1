// The loader's shortcuts must give the same rows as its general paths: dates are parsed as ISO
// first and profiled only when a value fails; an empty table takes the rows straight from the
// file, a table with rows already takes the merge; rows are numbered by their position in the
// staging table, not by a window; the cheap cleaning test lets through only what the full rule
// keeps. Files are written per test into a temporary folder.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { clean, fullClean } from '../../src/ingest/typed.js';
import { packageRoot } from '../../src/paths.js';
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
    expect(rows).toEqual([
      { stage_raw: 'lead', at: '2024-02-01 09:30' },
      { stage_raw: 'mql', at: '2024-02-13 10:00' },
    ]);
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
      'leads.csv':
        'lead_id,created_at,source\nC1,2024-01-01T00:00:00Z,web\nC1,2024-01-01T00:00:00Z,web\nC2,2024-01-02T00:00:00Z,web\nC2,2024-01-02T00:00:00Z,ads\n',
    });
    const summary = await loadFiles(wh, config, { paths: [path!], crm: 'auto' });
    // C1: row 2 repeats row 1 exactly; C2: row 4 has C2's key with another source
    expect(summary.files.map((f) => [f.read, f.loaded, f.rejected, f.duplicates])).toEqual([[4, 2, 1, 1]]);
    expect(await wh.all(`select lead_id, source from leads order by lead_id`)).toEqual([
      { lead_id: 'C1', source: 'web' },
      { lead_id: 'C2', source: 'web' },
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
      { lead_id: 'D1', load_id: 2 },
      { lead_id: 'D2', load_id: 1 },
      { lead_id: 'D3', load_id: 2 },
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
      { stage_raw: 'lead', load_id: 1 },
      { stage_raw: 'mql', load_id: 1 },
      { stage_raw: 'sql', load_id: 2 },
    ]);
  });

  it('cleans every value as the full rule does (spaces, Unicode spaces, null words, empty ids)', async () => {
    const wh = await openTestWarehouse();
    const values = [
      'a',
      ' a',
      'a ',
      '  ',
      '',
      'Null',
      'NONE',
      'none ',
      '\\n',
      'ab',
      'abcd',
      '000000000000000AAA',
      ' 000000000000000AAA',
      'José',
      'Zoë ',
      '\u00a0x',
      'x\u00a0',
      '\u3000y',
      'y\u200a',
      '\tz',
      'z\t',
      'L123456',
      '2024-01-01T00:00:00Z',
    ];
    // and 2,000 random strings over a small alphabet that includes the edge characters
    const alphabet = [' ', 'a', 'N', 'u', 'l', 'n', 'o', 'e', '0', 'A', '\u00a0', 'é', '\\'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 2000; i++) values.push(Array.from({ length: Math.floor(next() * 7) }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
    const differing = await wh.all<{ x: string }>(
      `select x from (select unnest($values::varchar[]) as x) where ${clean('x')} is distinct from ${fullClean('x')}`,
      { values },
    );
    expect(differing).toEqual([]);
  });

  it('numbers the rows of a big file in file order, on every thread, and places a late rejected row', async () => {
    const wh = await openTestWarehouse();
    await wh.run(`set threads = 4`);
    // 300,000 rows (several DuckDB row groups): each row's detail is its own record number
    const n = 300_000;
    const lines = ['lead_id,event_type,occurred_at,detail'];
    for (let i = 1; i <= n; i++) lines.push(`L${i % 997},page_view,2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,${i}`);
    lines.push('L1,page_view,not a date,300001');
    const [path] = await files({ 'engagement_events.csv': `${lines.join('\n')}\n` });
    const summary = await loadFiles(wh, config, { paths: [path!], crm: 'auto' });
    expect(summary.files.map((f) => [f.read, f.loaded, f.rejected])).toEqual([[n + 1, n, 1]]);
    expect(await wh.one(`select count(*)::int as n, count(*) filter (where source_row = detail::int)::int as numbered from engagement_events`)).toEqual({
      n,
      numbered: n,
    });
    expect(await wh.all(`select line_number, row_number, reason from rejected_rows`)).toEqual([
      { line_number: n + 2, row_number: n + 1, reason: 'unparseable date in "occurred_at": not a date' },
    ]);
  });

  it('loads the same rows straight into an empty table as the merge puts into a filled one', async () => {
    const canonical = join(packageRoot, 'sample-data', 'canonical');
    const samplePaths = [
      'leads.csv',
      'stage_events.csv',
      'activities.csv',
      'engagement_events.csv',
      'field_history.csv',
      'owners.csv',
      'opportunities.csv',
    ].map((f) => join(canonical, f));
    // one unrelated row in each table first: every sample file then goes through the merge
    const seeds = await files({
      'seed_leads.csv': 'lead_id,created_at,industry\nZZ1,2020-01-01T00:00:00Z,seed\n',
      'seed_stage_events.csv': 'lead_id,stage,entered_at\nZZ1,lead,2020-01-01T00:00:00Z\n',
      'seed_activities.csv': 'activity_id,lead_id,owner_id,type,occurred_at\nZZA,ZZ1,ZZO,call,2020-01-01T00:00:00Z\n',
      'seed_engagement_events.csv': 'lead_id,event_type,occurred_at\nZZ1,page_view,2020-01-01T00:00:00Z\n',
      'seed_field_history.csv': 'lead_id,field,value,changed_at\nZZ1,owner_id,ZZO,2020-01-01T00:00:00Z\n',
      'seed_owners.csv': 'owner_id,name\nZZO,Seed\n',
      'seed_opportunities.csv': 'opportunity_id,lead_id\nZZP,ZZ1\n',
    });
    const direct = await openTestWarehouse();
    const merged = await openTestWarehouse();
    const snapshotAt = new Date('2026-01-01T00:00:00Z');
    await loadFiles(direct, config, { paths: samplePaths, crm: 'auto', snapshotAt });
    await loadFiles(merged, config, { paths: seeds, crm: 'auto', snapshotAt });
    await loadFiles(merged, config, { paths: samplePaths, crm: 'auto', snapshotAt });
    for (const table of ['leads', 'lead_fields', 'stage_events', 'activities', 'engagement_events', 'field_history', 'owners', 'opportunities']) {
      // rows of the sample files (the seeds' ids start ZZ), without load_id: the loads are numbered differently
      const rows = (wh: typeof direct) =>
        wh.all(
          `select * exclude (load_id) from ${table} where ${table === 'owners' ? 'owner_id' : table === 'opportunities' ? 'opportunity_id' : table === 'activities' ? 'activity_id' : 'lead_id'} not like 'ZZ%' order by all`,
        );
      const expected = await rows(merged);
      expect(expected.length, table).toBeGreaterThan(0);
      expect(await rows(direct), table).toEqual(expected);
    }
  });
});
