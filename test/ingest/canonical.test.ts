import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { openTestWarehouse } from '../helpers/db.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/lifecycle/${name}`, import.meta.url));
const config = parseConfig({ timezone: 'America/New_York' });

describe('loading canonical CSVs', () => {
  it('loads leads and stage events with counts that reconcile', async () => {
    const wh = await openTestWarehouse();
    const summary = await loadFiles(wh, config, { paths: [fixture('leads.csv'), fixture('stage_events.csv')], crm: 'auto' });
    expect(summary.files.map((f) => [f.object, f.read, f.loaded, f.rejected, f.duplicates])).toEqual([
      ['leads', 5, 5, 0, 0],
      // 19 rows; L4's second "mql 2024-01-20" row is an exact repeat
      ['stage_events', 19, 18, 0, 1],
    ]);
    expect(summary.unknownStageValues).toEqual(['Nurture Track B']);
    // extra columns are kept as lead fields; empty cells are not
    const fields = await wh.all(`select lead_id, field, value from lead_fields order by all`);
    expect(fields).toEqual([
      { lead_id: 'L1', field: 'employees', value: '120' },
      { lead_id: 'L1', field: 'industry', value: 'Software' },
      { lead_id: 'L2', field: 'industry', value: 'Retail' },
      { lead_id: 'L3', field: 'employees', value: '40' },
      { lead_id: 'L3', field: 'industry', value: 'Software' },
    ]);
    // a naive time is read in the load zone: 03:30 EDT on the spring-forward day = 07:30 UTC
    const l5 = await wh.all<{ stage_raw: string; at: string }>(
      `select stage_raw, strftime(entered_at, '%Y-%m-%d %H:%M') as at from stage_events where lead_id = 'L5' order by entered_at`,
    );
    expect(l5).toEqual([
      { stage_raw: 'lead', at: '2024-03-10 04:30' },
      { stage_raw: 'mql', at: '2024-03-10 07:30' },
      { stage_raw: 'Nurture Track B', at: '2024-03-11 10:00' },
    ]);
  });

  it('changes nothing when the same file is loaded again', async () => {
    const wh = await openTestWarehouse();
    await loadFiles(wh, config, { paths: [fixture('stage_events.csv')], crm: 'auto' });
    const again = await loadFiles(wh, config, { paths: [fixture('stage_events.csv')], crm: 'auto' });
    expect(again.files[0]).toMatchObject({ read: 19, loaded: 0, duplicates: 19, skipped: expect.stringContaining('already loaded') });
    const n = await wh.one<{ n: number; runs: number }>(`select (select count(*) from stage_events)::int as n, (select count(*) from load_runs)::int as runs`);
    expect(n).toEqual({ n: 18, runs: 1 });
  });
});
