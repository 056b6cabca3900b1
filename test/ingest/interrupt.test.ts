/**
 * Ctrl-C during a load (the compiled bin, SIGINT as a terminal sends it): the running query is
 * interrupted, the load's transaction rolls back, and the command exits 130 with one line; the
 * warehouse holds exactly what it held before, and the next load commits.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/db/connection.js';
import { buildBin, runBin, startBin } from '../helpers/bin.js';
import { fixturePath } from '../helpers/load.js';
import { warehouseContents } from './snapshot.js';

/** A canonical leads file big enough that loading it takes seconds (about 30 MB). */
async function writeBigLeads(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('lead_id,email,company,created_at,stage,industry\n');
  for (let i = 0; i < rows; i++) out.write(`B${i},p${i}@big.example,Company ${i % 997},2024-01-01T00:00:00Z,Lead,Software\n`);
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

const counts = async (path: string) => {
  const wh = await Warehouse.open({ path });
  try {
    return await warehouseContents(wh);
  } finally {
    wh.close();
  }
};

describe('Ctrl-C during a load', () => {
  beforeAll(buildBin, 120_000);

  it('interrupts the running query, exits 130 and leaves the warehouse exactly as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-interrupt-'));
    const db = join(dir, 'warehouse.duckdb');
    const first = await runBin(['load', fixturePath('formats/canonical/owners.csv'), fixturePath('formats/canonical/leads.csv'), '--db', db]);
    expect(first.code).toBe(0);
    const before = await counts(db);
    expect(before.leads?.length).toBeGreaterThan(0);
    const big = join(dir, 'leads_big.csv');
    await writeBigLeads(big, 600_000);

    // file 1 commits nothing on its own; the interrupt lands while file 2 (the big one) is read
    const run = startBin(['load', fixturePath('formats/canonical/stage_events.csv'), big, '--db', db, '--log-format', 'json']);
    await run.waitForStderr('"fileIndex":2');
    setTimeout(() => run.child.kill('SIGINT'), 300);
    const result = await run.done;

    expect(result.code).toBe(130);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toBe('revops-report: interrupted (Ctrl-C): nothing was written: the warehouse is as it was before this command');
    // interrupted mid-load: the big file was never counted
    expect(result.stderr).not.toContain('"fileIndex":2,"files":2,"read"');
    expect(await counts(db)).toEqual(before);

    // and usable: the same load, left alone, commits
    const again = await runBin(['load', fixturePath('formats/canonical/stage_events.csv'), '--db', db, '--format', 'json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ loaded: 15 });
  }, 180_000);
});
