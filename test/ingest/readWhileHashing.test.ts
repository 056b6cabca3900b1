// A plain UTF-8 file bigger than its first MiB is read by DuckDB while its bytes are hashed and
// scanned for NULs (inspect.ts inspectAhead). The scan's verdict still decides before anything of
// the file is kept: the checksum that finds a file loaded before, NULs further in (read again from
// the copy without them), a binary tail. These files pass the first MiB on purpose.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { UserError } from '../../src/errors.js';
import { loadFiles } from '../../src/ingest/load.js';
import { openTestWarehouse } from '../helpers/db.js';
import { warehouseContents } from './snapshot.js';

const config = parseConfig({ timezone: 'UTC' });
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'revops-ahead-'));
  folders.push(folder);
  const path = join(folder, name);
  await writeFile(path, content);
  return path;
}

/** 40,000 leads: about 1.4 MB, past the first MiB and the last 64 KiB the early look reads. */
const rows = 40_000;
const leads = (count = rows) =>
  `lead_id,created_at,source\n${Array.from({ length: count }, (_, i) => `L${i + 1},2026-10-01T09:00:00Z,paid_search_campaign`).join('\n')}\n`;
const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

describe('reading a big file while its bytes are hashed', () => {
  it('keeps the checksum of the whole file, and skips the same bytes under another name as already loaded', async () => {
    const wh = await openTestWarehouse();
    const text = leads();
    expect(text.length).toBeGreaterThan((1 << 20) + (64 << 10));
    const first = await loadFiles(wh, config, { paths: [await write('leads.csv', text)], crm: 'auto' });
    expect(first.files[0]).toMatchObject({ read: rows, loaded: rows, rejected: 0, duplicates: 0, nulsDropped: 0, checksum: sha256(text) });
    expect(await wh.all(`select checksum, rows_loaded from load_runs`)).toEqual([{ checksum: sha256(text), rows_loaded: rows }]);
    const again = await loadFiles(wh, config, { paths: [await write('leads_copy.csv', text)], crm: 'auto' });
    expect(again.files[0]).toMatchObject({
      read: rows,
      loaded: 0,
      duplicates: rows,
      checksum: sha256(text),
      skipped: expect.stringContaining('already loaded'),
    });
    expect(await wh.all(`select count(*)::int as n from leads`)).toEqual([{ n: rows }]);
  });

  it('skips the second of two identical files in one load, after DuckDB read it', async () => {
    const wh = await openTestWarehouse();
    const text = leads();
    const summary = await loadFiles(wh, config, { paths: [await write('leads.csv', text), await write('leads_again.csv', text)], crm: 'auto' });
    expect(summary.files.map((f) => [f.loaded, f.duplicates, f.skipped ?? null])).toEqual([
      [rows, 0, null],
      [0, rows, expect.stringContaining('already loaded')],
    ]);
    expect(await wh.all(`select count(*)::int as n from leads`)).toEqual([{ n: rows }]);
  });

  it('refuses a file whose zero-filled rest makes it binary, though its first MiB is text, changing nothing', async () => {
    const wh = await openTestWarehouse();
    const before = await warehouseContents(wh);
    const content = Buffer.concat([Buffer.from(leads()), Buffer.alloc(1 << 20)]);
    const error = await loadFiles(wh, config, { paths: [await write('leads.csv', content)], crm: 'auto' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toMatch(/leads\.csv: binary content \(NUL bytes\): at least \d+ of \d+ bytes are NUL/);
    expect(await warehouseContents(wh)).toEqual(before);
  });

  it('reads a file with NULs past its first MiB again from the copy without them, counting each once', async () => {
    const wh = await openTestWarehouse();
    const text = `${leads()}L0,2026-10-02T09:00:00Z,web\0\0\0site\n`;
    const summary = await loadFiles(wh, config, { paths: [await write('leads.csv', text)], crm: 'auto' });
    expect(summary.files[0]).toMatchObject({ read: rows + 1, loaded: rows + 1, rejected: 0, nulsDropped: 3, checksum: sha256(text) });
    expect(summary.warnings.filter((w) => w.includes('NUL'))).toHaveLength(1);
    expect(await wh.all(`select source from leads where lead_id = 'L0'`)).toEqual([{ source: 'website' }]);
  });

  it('rejects a final record without a line end as cut off, read from the file end', async () => {
    const wh = await openTestWarehouse();
    const text = `${leads()}L0,2026-10-02T09:00:00Z,paid_sea`;
    const summary = await loadFiles(wh, config, { paths: [await write('leads.csv', text)], crm: 'auto' });
    expect(summary.files[0]).toMatchObject({ read: rows + 1, loaded: rows, rejected: 1 });
    const rejected = await wh.all<{ reason: string }>(`select reason from rejected_rows`);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason).toContain('cut off');
  });

  it('names the whole file checksum for a big file skipped as of no known format', async () => {
    const wh = await openTestWarehouse();
    const text = `colour,shape\n${Array.from({ length: 120_000 }, (_, i) => `red${i},square`).join('\n')}\n`;
    expect(text.length).toBeGreaterThan((1 << 20) + (64 << 10));
    const summary = await loadFiles(wh, config, { paths: [await write('shapes.csv', text)], crm: 'auto', skipUnknown: true });
    expect(summary.files[0]).toMatchObject({ detected: 'unknown', checksum: sha256(text), skipped: expect.stringContaining('--skip-unknown') });
    expect(summary.warnings.filter((w) => w.startsWith('skipped (--skip-unknown)'))).toHaveLength(1);
  });
});
