/**
 * Loads are repeatable and all-or-nothing: the same file twice changes nothing, newer snapshots
 * replace older ones (and infer the stage change), older ones never overwrite, a failing file rolls
 * back the whole load, and a process killed inside the transaction leaves the database as before.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { loadFiles } from '../../src/ingest/load.js';
import { fixturePath } from '../helpers/load.js';
import { openTestWarehouse } from '../helpers/db.js';
import { warehouseContents } from './snapshot.js';

const config = parseConfig({});
const load = (wh: Warehouse, paths: string[], snapshotAt?: Date) => loadFiles(wh, config, { paths, crm: 'auto', snapshotAt });
const scratch = () => mkdtemp(join(tmpdir(), 'revops-idem-'));
const leadsHeader = 'lead_id,email,company,created_at,stage';

async function writeLeads(dir: string, name: string, rows: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, [leadsHeader, ...rows, ''].join('\n'));
  return path;
}

describe('repeatable loads', () => {
  it('changes nothing when the same file is loaded again, even under another name', async () => {
    const wh = await openTestWarehouse();
    const files = ['formats/canonical/leads.csv', 'formats/canonical/stage_events.csv', 'formats/hubspot/contacts_property_history.csv'].map(fixturePath);
    await load(wh, files);
    const once = await warehouseContents(wh);
    const again = await load(wh, files);
    expect(again.files.map((f) => f.skipped !== undefined)).toEqual([true, true, true]);
    expect(await warehouseContents(wh)).toEqual(once);
    // the same bytes again under another name: still the same checksum, still skipped
    const dir = await scratch();
    const copy = join(dir, 'stage_events_copy.csv');
    await writeFile(copy, await readFile(files[1]!));
    await load(wh, [copy]);
    expect(await warehouseContents(wh)).toEqual(once);
  });

  it('adds facts once when the same rows come in a different file', async () => {
    const wh = await openTestWarehouse();
    const original = fixturePath('formats/canonical/stage_events.csv');
    await load(wh, [original], new Date('2024-05-01T00:00:00Z'));
    const dir = await scratch();
    // CRLF line ends: other bytes, other checksum, the same 15 stage events
    const crlf = join(dir, 'stage_events_crlf.csv');
    await writeFile(crlf, (await readFile(original, 'utf8')).replace(/\n/g, '\r\n'));
    const summary = await load(wh, [crlf], new Date('2024-05-01T00:00:00Z'));
    expect(summary.files[0]).toMatchObject({ read: 15, loaded: 15 });
    expect(await wh.one(`select count(*)::int as n, count(distinct load_id)::int as loads from stage_events`)).toEqual({ n: 15, loads: 1 });
  });

  it('takes a newer snapshot and infers the stage change; an older one does not overwrite', async () => {
    const wh = await openTestWarehouse();
    const dir = await scratch();
    const march = await writeLeads(dir, 'leads_march.csv', ['L1,a@x.example,Acme,2024-01-02T00:00:00Z,Lead', 'L2,b@x.example,Globex,2024-01-03T00:00:00Z,MQL']);
    const april = await writeLeads(dir, 'leads_april.csv', [
      'L1,a@x.example,Acme Corp,2024-01-02T00:00:00Z,MQL',
      'L2,b@x.example,Globex,2024-01-03T00:00:00Z,MQL',
    ]);
    const february = await writeLeads(dir, 'leads_february.csv', ['L1,a@x.example,Acme Old,2024-01-02T00:00:00Z,Subscriber']);
    await load(wh, [march], new Date('2024-03-01T00:00:00Z'));
    await load(wh, [april], new Date('2024-04-01T00:00:00Z'));
    expect(await wh.all(`select lead_id, company, stage_raw from leads order by lead_id`)).toEqual([
      { lead_id: 'L1', company: 'Acme Corp', stage_raw: 'MQL' },
      { lead_id: 'L2', company: 'Globex', stage_raw: 'MQL' },
    ]);
    // L1 went Lead → MQL between the snapshots: one inferred event at the newer snapshot; L2 did not change
    const inferred = await wh.all(`select lead_id, stage_raw, strftime(entered_at, '%Y-%m-%d') as at, origin, inferred from stage_events`);
    expect(inferred).toEqual([{ lead_id: 'L1', stage_raw: 'MQL', at: '2024-04-01', origin: 'snapshot', inferred: true }]);
    const before = await warehouseContents(wh);
    await load(wh, [february], new Date('2024-02-01T00:00:00Z'));
    const after = await warehouseContents(wh);
    // only the run itself is recorded: no lead, field or stage event changes
    for (const table of ['leads', 'lead_fields', 'stage_events']) expect(after[table]).toEqual(before[table]);
    expect(after.load_runs).toHaveLength(3);
  });

  it('leaves the warehouse exactly as before when the third file fails', async () => {
    const wh = await openTestWarehouse();
    await load(wh, [fixturePath('formats/canonical/owners.csv')]);
    const before = await warehouseContents(wh);
    const files = ['formats/canonical/leads.csv', 'formats/canonical/stage_events.csv', 'bad/ambiguous_dates_report.csv'].map(fixturePath);
    const error = await load(wh, files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain('ambiguous_dates_report.csv');
    expect(await warehouseContents(wh)).toEqual(before);
  });
});

describe('a load killed midway', () => {
  const child = fileURLToPath(new URL('./child/loadAndWait.ts', import.meta.url));
  const register = fileURLToPath(new URL('./child/register.mjs', import.meta.url));

  /** A canonical leads file big enough that reading it takes a while (about 30 MB). */
  async function writeBigLeads(path: string, rows: number): Promise<void> {
    const out = createWriteStream(path);
    out.write(`${leadsHeader},industry\n`);
    for (let i = 0; i < rows; i++) out.write(`B${i},p${i}@big.example,Company ${i % 997},2024-01-01T00:00:00Z,Lead,Software\n`);
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }

  it('leaves the database file as before, and usable', async () => {
    const dir = await scratch();
    const dbPath = join(dir, 'warehouse.duckdb');
    const wh = await Warehouse.open({ path: dbPath });
    await load(wh, [fixturePath('formats/canonical/owners.csv')]);
    const before = await warehouseContents(wh);
    wh.close();
    const big = join(dir, 'leads_big.csv');
    await writeBigLeads(big, 600_000);
    // file 0 loads inside the transaction; the kill lands while file 1 (the big one) is read
    const proc = spawn(
      process.execPath,
      ['--experimental-transform-types', '--no-warnings', '--import', register, child, dbPath, fixturePath('formats/canonical/stage_events.csv'), big],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('inside-transaction 1')) setTimeout(() => proc.kill('SIGKILL'), 200);
    });
    expect(await exited).toBe('SIGKILL');
    expect(output).not.toContain('committed');
    const reopened = await Warehouse.open({ path: dbPath });
    try {
      expect(await warehouseContents(reopened)).toEqual(before);
      // and usable: a new load commits
      const summary = await load(reopened, [fixturePath('formats/canonical/stage_events.csv')]);
      expect(summary.files[0]).toMatchObject({ loaded: 15 });
      expect(await reopened.one(`select count(*)::int as n from stage_events`)).toEqual({ n: 15 });
    } finally {
      reopened.close();
    }
  });
});
