/**
 * The period view: every stage entry dated inside the window, per listed stage (what CRM funnel
 * widgets show), beside the cohort funnel. Built with Kysely: every value is a bound parameter.
 */
import { sql } from 'kysely';
import { qb } from '../db/kysely.js';
import type { ReportWindow } from './window.js';

export function periodEntriesQuery(window: ReportWindow, stages: string[]) {
  // biome-ignore lint/complexity/useMathMinMax: Dates, and Math.min would make a number of them
  const end = window.to < window.asOf ? window.to : window.asOf;
  return qb
    .selectFrom('cfg_stages as s')
    .leftJoin('fct_stage_entries as e', (join) =>
      join
        .onRef('e.stage', '=', 's.stage')
        .on('e.entered_at', '>=', window.from)
        .on('e.entered_at', end === window.to ? '<' : '<=', end),
    )
    .where('s.stage', 'in', stages)
    .groupBy(['s.stage', 's.stage_order'])
    .orderBy('s.stage_order')
    .select(['s.stage', sql<number>`cast(count(e.lead_id) as integer)`.as('entries')]);
}
