/**
 * Parquet and Arrow files read back with the same rows and the same column types as written:
 * Parquet through DuckDB's read_parquet, Arrow IPC through apache-arrow's reader.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import type { ExportTable } from '../../src/export/types.js';
import { writeExport, writeReportTables } from '../../src/export/write.js';
import { openTestWarehouse } from '../helpers/db.js';
import { everyType } from './sampleTable.js';

const dir = mkdtempSync(join(tmpdir(), 'revops-export-'));

// The rows as they must come back: timestamps as instants (ms since epoch), dates as UTC midnight.
const expected = [
  ['Priya Raman', 42, 7.25, true, Date.parse('2026-10-05T13:04:05.678Z'), Date.parse('2026-10-05T00:00:00Z')],
  ['=HYPERLINK("http://x.invalid","click")', -3, -0.5, false, Date.parse('2024-02-29T23:59:59Z'), Date.parse('2024-02-26T00:00:00Z')],
  ['Zoë, "Ops" Müller', null, null, null, null, null],
];
const asMs = (value: unknown) => (value instanceof Date ? value.getTime() : value);

describe('Parquet export', () => {
  it('reads back in DuckDB with the declared types and the same rows', async () => {
    const path = join(dir, 'owners.parquet');
    await writeExport(everyType, 'parquet', path);
    const wh = await openTestWarehouse();
    const types = await wh.all<{ column_name: string; column_type: string }>(
      `select column_name, column_type from (describe select * from read_parquet($path))`,
      { path },
    );
    expect(types.map((t) => [t.column_name, t.column_type])).toEqual([
      ['owner', 'VARCHAR'],
      ['mqls', 'INTEGER'],
      ['median_minutes', 'DOUBLE'],
      ['in_sla', 'BOOLEAN'],
      ['first_touch_at', 'TIMESTAMP WITH TIME ZONE'],
      ['week', 'DATE'],
    ]);
    const rows = await wh.all<Record<string, unknown>>(
      `select owner, mqls, median_minutes, in_sla, epoch_ms(first_touch_at)::double as t, epoch_ms(week::timestamp)::double as d
       from read_parquet($path) order by owner`,
      { path },
    );
    // DuckDB sorts '=' before 'P' before 'Z'
    expect(rows.map((r) => [r.owner, r.mqls, r.median_minutes, r.in_sla, r.t, r.d])).toEqual([expected[1], expected[0], expected[2]]);
  });

  it('is written by DuckDB when the warehouse is PostgreSQL (the nightly build passes its warehouse)', async () => {
    const pg = await PostgresWarehouse.pglite();
    try {
      const path = join(dir, 'owners-from-postgres.parquet');
      await writeExport(everyType, 'parquet', path, pg);
      const wh = await openTestWarehouse();
      const rows = await wh.all<Record<string, unknown>>(`select owner, mqls, in_sla from read_parquet($path) order by owner`, { path });
      expect(rows.map((r) => [r.owner, r.mqls, r.in_sla])).toEqual([
        ['=HYPERLINK("http://x.invalid","click")', -3, false],
        ['Priya Raman', 42, true],
        ['Zoë, "Ops" Müller', null, null],
      ]);
    } finally {
      await pg.closed();
    }
  }, 60_000);

  it('writes an empty table with its columns, and leaves no temporary file behind', async () => {
    const empty: ExportTable = { ...everyType, name: 'none', rows: [] };
    const written = await writeReportTables('speed', [empty], 'parquet', join(dir, 'empty'));
    expect(written).toEqual([join(dir, 'empty', 'speed__none.parquet')]);
    const wh = await openTestWarehouse();
    const count = await wh.one<{ n: number; cols: number }>(
      `select (select count(*)::int from read_parquet($p)) as n, (select count(*)::int from (describe select * from read_parquet($p))) as cols`,
      { p: written[0] },
    );
    expect(count).toEqual({ n: 0, cols: 6 });
    expect(readdirSync(join(dir, 'empty'))).toEqual(['speed__none.parquet']);
  });
});

describe('Arrow IPC export', () => {
  it('reads back with explicit Arrow types and the same rows', async () => {
    const path = join(dir, 'owners.arrow');
    await writeExport(everyType, 'arrow', path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('ARROW1'); // the IPC file format's magic
    const table = tableFromIPC(bytes);
    expect(table.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['owner', 'Utf8'],
      ['mqls', 'Int32'],
      ['median_minutes', 'Float64'],
      ['in_sla', 'Bool'],
      ['first_touch_at', 'Timestamp<MILLISECOND, UTC>'],
      ['week', 'Date32<DAY>'],
    ]);
    const rows = table.toArray().map((r) => {
      const o = r.toJSON() as Record<string, unknown>;
      return [o.owner, o.mqls, o.median_minutes, o.in_sla, asMs(o.first_touch_at), asMs(o.week)];
    });
    expect(rows).toEqual(expected);
  });
});
