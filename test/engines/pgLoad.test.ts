/** `load` into a PostgreSQL schema (PGlite here): parsed by DuckDB, copied all or nothing, later loads see earlier ones. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInto } from '../../src/db/loadTarget.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { loadFiles } from '../../src/ingest/load.js';
import { packageRoot } from '../../src/paths.js';
import { sampleAsOf, sampleConfig } from './pgSetup.js';

const canonical = (file: string) => join(packageRoot, 'sample-data', 'canonical', file);
const load = (pg: PostgresWarehouse, files: string[]) =>
  loadInto(pg, (wh) => loadFiles(wh, sampleConfig(), { paths: files.map(canonical), crm: 'auto', snapshotAt: new Date(sampleAsOf) }));
const count = async (pg: PostgresWarehouse, table: string) => (await pg.one<{ n: number }>(`select count(*)::int as n from ${table}`))!.n;

describe('load into a PostgreSQL warehouse', () => {
  let pg: PostgresWarehouse;
  beforeAll(async () => {
    pg = await PostgresWarehouse.pglite();
  }, 120_000);
  afterAll(() => pg?.closed());

  it('copies the loaded tables, and a second load adds to the first with its own load ids', async () => {
    const first = await load(pg, ['owners.csv']);
    expect(await count(pg, 'owners')).toBe(first.files[0]!.loaded);
    expect(await count(pg, 'leads')).toBe(0);
    const second = await load(pg, ['leads.csv', 'owners.csv']);
    expect(await count(pg, 'leads')).toBe(second.files.find((f) => f.path.endsWith('leads.csv'))!.loaded);
    // the owners file was loaded already: its rows are not there twice
    expect(await count(pg, 'owners')).toBe(first.files[0]!.loaded);
    const ids = await pg.all<{ load_id: number }>(`select load_id from load_runs order by load_id`);
    expect(ids.map((r) => r.load_id)).toEqual([...new Set(ids.map((r) => r.load_id))]);
    expect(ids.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('leaves the schema as it was when the load fails', async () => {
    const before = await count(pg, 'leads');
    await expect(load(pg, ['no-such-file.csv'])).rejects.toThrow();
    expect(await count(pg, 'leads')).toBe(before);
  }, 120_000);
});
