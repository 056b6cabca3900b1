/**
 * The checksum is hashed while DuckDB reads a file whose name was never loaded (checksumAhead.ts):
 * such a file, when its bytes were loaded before, is still skipped with nothing of it written,
 * including when it fails to read the way it is asked for this time.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { loadFiles } from '../../src/ingest/load.js';
import type { Crm } from '../../src/ingest/formats/types.js';
import { openTestWarehouse } from '../helpers/db.js';
import { warehouseContents } from './snapshot.js';

const config = parseConfig({});
const load = (wh: Warehouse, paths: string[], crm: Crm | 'auto' = 'auto') => loadFiles(wh, config, { paths, crm, snapshotAt: new Date('2024-05-01T00:00:00Z') });
const leads = ['lead_id,email,created_at', 'L1,a@x.com,2024-01-01T00:00:00Z', 'L2,b@x.com,not a date', 'L3,c@x.com,2024-01-03T00:00:00Z', ''].join('\n');

async function copies(names: string[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'revops-sum-'));
  return Promise.all(names.map(async (name) => {
    await writeFile(join(dir, name), leads);
    return join(dir, name);
  }));
}

describe('checksum looked up after the read', () => {
  it('skips a renamed copy in the same load, writing none of its rows or rejects', async () => {
    const wh = await openTestWarehouse();
    const [first, copy] = await copies(['leads.csv', 'leads_again.csv']);
    const summary = await load(wh, [first!, copy!]);
    expect(summary.files.map((f) => [f.read, f.loaded, f.rejected, f.duplicates, f.skipped])).toEqual([
      [3, 2, 1, 0, undefined],
      [3, 0, 0, 3, 'already loaded (load 1, same checksum)'],
    ]);
    expect(await wh.one(`select count(*)::int as leads, (select count(*)::int from rejected_rows) as rejects, (select count(*)::int from load_runs) as runs from leads`))
      .toEqual({ leads: 2, rejects: 1, runs: 1 });
  });

  it('skips a renamed copy of loaded bytes that no format of the asked CRM reads, as before', async () => {
    const wh = await openTestWarehouse();
    const [first, copy] = await copies(['leads.csv', 'hubspot_contacts.csv']);
    await load(wh, [first!]);
    const before = await warehouseContents(wh);
    const summary = await load(wh, [copy!], 'hubspot');
    expect(summary.files[0]!.skipped).toBe('already loaded (load 1, same checksum)');
    expect(await warehouseContents(wh)).toEqual(before);
  });

  it('still fails a renamed file that was never loaded and no format of the asked CRM reads', async () => {
    const wh = await openTestWarehouse();
    const [file] = await copies(['hubspot_contacts.csv']);
    await expect(load(wh, [file!], 'hubspot')).rejects.toThrow(/hubspot/i);
    expect(await wh.one(`select count(*)::int as n from load_runs`)).toEqual({ n: 0 });
  });
});
