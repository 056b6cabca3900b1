/** Test support: load literal pairs / deadline requests, run the business-time models, read plain numbers back. */
import { computeBusinessDeadlines, computeBusinessMinutes } from '../../src/calendar/businessTime.js';
import type { Warehouse } from '../../src/db/connection.js';

export interface PairInput {
  id: number;
  key: string;
  /** ISO instant with zone, e.g. '2024-09-13T20:30:00Z' */
  start: string;
  end: string | null;
}

export interface PairResult {
  id: number;
  businessMinutes: number | null;
  wallMinutes: number | null;
  clockStart: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Rows go in one by one as parameters; the columns listed in `instants` are ISO strings cast to timestamptz. */
async function insertRows(wh: Warehouse, table: string, columns: string, instants: number[], rows: unknown[][]): Promise<void> {
  await wh.run(`create or replace temp table ${table} (${columns})`);
  for (const row of rows) {
    const placeholders = row.map((_, i) => (instants.includes(i) ? `cast($${i + 1} as timestamptz)` : `$${i + 1}`));
    await wh.run(`insert into ${table} values (${placeholders.join(', ')})`, row);
  }
}

export async function businessMinutes(wh: Warehouse, pairs: PairInput[]): Promise<Map<number, PairResult>> {
  await insertRows(
    wh,
    'test_pairs',
    'pair_id integer, calendar_key varchar, start_at timestamptz, end_at timestamptz',
    [2, 3],
    pairs.map((p) => [p.id, p.key, p.start, p.end]),
  );
  const table = await computeBusinessMinutes(wh, 'test_pairs');
  const rows = await wh.all<{ id: number; bm: number | null; wm: number | null; cs: number | null }>(
    `select pair_id as id, business_minutes as bm, wall_minutes as wm, epoch_ms(clock_start_at)::double as cs
     from ${table} order by pair_id`,
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, businessMinutes: r.bm, wallMinutes: r.wm, clockStart: iso(r.cs) }]));
}

export interface DeadlineInput {
  id: number;
  key: string;
  start: string;
  targetMinutes: number;
}

export async function deadlines(wh: Warehouse, requests: DeadlineInput[]): Promise<Map<number, { deadline: string | null; clockStart: string | null }>> {
  await insertRows(
    wh,
    'test_requests',
    'request_id integer, calendar_key varchar, start_at timestamptz, target_minutes double',
    [2],
    requests.map((r) => [r.id, r.key, r.start, r.targetMinutes]),
  );
  const table = await computeBusinessDeadlines(wh, 'test_requests');
  const rows = await wh.all<{ id: number; d: number | null; cs: number | null }>(
    `select request_id as id, epoch_ms(deadline_at)::double as d, epoch_ms(clock_start_at)::double as cs
     from ${table} order by request_id`,
  );
  return new Map(rows.map((r) => [r.id, { deadline: iso(r.d), clockStart: iso(r.cs) }]));
}
