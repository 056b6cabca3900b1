import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { loadFiles } from '../../src/ingest/load.js';
import { openTestWarehouse } from '../helpers/db.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/lifecycle/${name}`, import.meta.url));
const config = parseConfig({ timezone: 'UTC' });

/** What a load leaves on its connection besides the warehouse: attached scratch databases, a search path, temp tables. */
async function leftovers(wh: Warehouse) {
  return wh.one<{ databases: string[]; path: string; temp: string[] }>(
    `select (select list(database_name order by database_name) from duckdb_databases() where database_name like 'revops_scratch%') as databases,
            current_setting('search_path') as path,
            (select list(table_name order by table_name) from duckdb_tables() where temporary) as temp`,
  );
}

describe('the load staging area (scratch.ts)', () => {
  it('is gone after a load, and a second load in the same session stages and reads its own files', async () => {
    const wh = await openTestWarehouse();
    await loadFiles(wh, config, { paths: [fixture('leads.csv')], crm: 'auto' });
    expect(await leftovers(wh)).toEqual({ databases: null, path: '', temp: null });
    const second = await loadFiles(wh, config, { paths: [fixture('stage_events.csv')], crm: 'auto' });
    expect(second.files.map((f) => [f.read, f.loaded, f.duplicates])).toEqual([[19, 18, 1]]);
    expect(await leftovers(wh)).toEqual({ databases: null, path: '', temp: null });
  });

  it('is gone after a load that fails in its second file, which leaves the warehouse as it was', async () => {
    const wh = await openTestWarehouse();
    const dir = await mkdtemp(join(tmpdir(), 'revops-scratch-test-'));
    // 2 of 3 rows without an id: over the 50% reject rate, the load fails with exit 3
    await writeFile(join(dir, 'z_leads.csv'), 'lead_id,created_at,source\n,2024-01-01,web\n,2024-01-02,web\nL9,2024-01-03,web\n');
    const failed = loadFiles(wh, config, { paths: [fixture('leads.csv'), join(dir, 'z_leads.csv')], crm: 'auto' });
    await expect(failed).rejects.toMatchObject({ exitCode: 3 });
    expect(await leftovers(wh)).toEqual({ databases: null, path: '', temp: null });
    expect(await wh.one(`select (select count(*) from leads)::int as leads, (select count(*) from load_runs)::int as runs`)).toEqual({ leads: 0, runs: 0 });
    // and the connection loads normally afterwards
    const after = await loadFiles(wh, config, { paths: [fixture('leads.csv')], crm: 'auto' });
    expect(after.files[0]).toMatchObject({ read: 5, loaded: 5 });
  });

  it('loads into a warehouse file whose name is not a plain identifier (a hyphen, a space, a quote)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-scratch-test-'));
    // DuckDB names the file's database after its stem: funnel-200000, "o'neil q4"
    for (const name of ['funnel-200000.duckdb', `o'neil "q4".duckdb`]) {
      const wh = await Warehouse.open({ path: join(dir, name) });
      try {
        const summary = await loadFiles(wh, config, { paths: [fixture('leads.csv')], crm: 'auto' });
        expect(summary.files[0]).toMatchObject({ read: 5, loaded: 5 });
        expect(await leftovers(wh)).toEqual({ databases: null, path: '', temp: null });
      } finally {
        wh.close();
      }
    }
  });
});
