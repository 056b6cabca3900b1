/**
 * The breach list, kept out of JS at scale: the JSON and HTML carry the most late breaches (at most
 * `listedBreachLimit`) plus the total count, and the CSV export writes every breach with DuckDB's
 * COPY, formula-neutralised in SQL (sql/sla/sla__breaches_csv.sql). At 1M MQLs there are ~1.5M
 * breaches; as JS objects they were most of a 9 GB peak.
 */
import { readFile } from 'node:fs/promises';
import { computeBusinessMinutes } from '../calendar/businessTime.js';
import type { Warehouse } from '../db/connection.js';
import { copyModelCsv } from '../export/copyCsv.js';
import { sqlPath } from '../paths.js';
import type { SlaBreach } from './types.js';

/** The JSON (and so the HTML) lists at most this many breaches; `breachCount` has them all. */
export const listedBreachLimit = 1000;

interface BreachRow {
  sla: string;
  lead_id: string;
  owner_id: string | null;
  owner: string;
  team: string;
  start_at: string;
  deadline_at: string | null;
  end_at: string | null;
  kind: SlaBreach['kind'];
  minutes_late: number | null;
  business_minutes_late: number | null;
}

/**
 * Materialises breach rows as `table` (all of them, or the `limit` most late: real minutes late,
 * most first, missing-fields breaches last) and their business minutes late as `${table}_late`.
 * The breaches are chosen before their owners are named (sql/sla/sla__breached.sql).
 */
async function collectBreaches(wh: Warehouse, table: string, limit?: number): Promise<void> {
  const breached = await readFile(sqlPath('sla/sla__breached.sql'), 'utf8');
  // a view holds no parameter: the limit is our own integer, written in
  if (limit !== undefined && !Number.isSafeInteger(limit)) throw new Error(`breach limit ${limit} is not an integer`);
  const selection =
    limit === undefined
      ? breached
      : `select * from (\n${breached}\n) as breached order by minutes_late desc nulls last, position, start_at, lead_id collate "C" limit ${limit}`;
  await wh.run(`create or replace temp view sla_breach_selection as\n${selection}`);
  await wh.run(`create or replace temp table ${table} as\n${await readFile(sqlPath('sla/sla__breach_rows.sql'), 'utf8')}`);
  await wh.run(`create or replace temp view ${table}_pairs as
    select instance_id as pair_id, calendar_key, deadline_at as start_at, late_until as end_at from ${table} where late_until is not null`);
  // keys come from sla_outcomes, checked when it was built (src/sla/outcomes.ts)
  await computeBusinessMinutes(wh, `${table}_pairs`, { output: `${table}_late`, keysChecked: true });
}

/** The `limit` most late breaches of sla_outcomes, in SLA order then by start. */
export async function readListedBreaches(wh: Warehouse, limit = listedBreachLimit): Promise<SlaBreach[]> {
  await collectBreaches(wh, 'sla_listed_breaches', limit);
  const rows = await wh.all<BreachRow>(await readFile(sqlPath('sla/sla__breaches.sql'), 'utf8'));
  return rows.map(
    (r): SlaBreach => ({
      sla: r.sla,
      leadId: r.lead_id,
      ownerId: r.owner_id,
      owner: r.owner,
      team: r.team,
      startAt: r.start_at,
      deadlineAt: r.deadline_at,
      endAt: r.end_at,
      kind: r.kind,
      minutesLate: r.minutes_late,
      businessMinutesLate: r.business_minutes_late,
    }),
  );
}

/**
 * Writes every breach of sla_outcomes as CSV (RFC 4180, `\r\n`, header row) to `out`, or to stdout
 * when `out` is absent or '-'. The file appears whole or not at all (written beside, then renamed).
 */
export async function writeBreachesCsv(wh: Warehouse, out?: string): Promise<void> {
  await collectBreaches(wh, 'sla_all_breaches');
  await copyModelCsv(wh, 'sla/sla__breaches_csv.sql', out, 'breaches');
}
