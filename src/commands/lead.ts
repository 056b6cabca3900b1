/** `revops-report lead ID`: one lead's reconstructed timeline, each event traced to its file and row. */
import { loadConfig } from '../config/config.js';
import { dataError } from '../errors.js';
import type { Warehouse } from '../db/connection.js';
import { toSalesforceId18 } from '../ingest/salesforceIds.js';
import { buildModels } from '../models/build.js';
import { withExistingWarehouse } from './warehouse.js';

export interface LeadTimelineEvent {
  eventNumber: number;
  stage: string;
  stageRaw: string;
  enteredAt: string;
  exitedAt: string | null;
  daysInStage: number | null;
  flags: string[];
  reason: string | null;
  origin: string;
  file: string | null;
  row: number | null;
}

export interface LeadTimeline {
  leadId: string;
  lead: Record<string, unknown> | null;
  events: LeadTimelineEvent[];
}

interface EventRow {
  event_number: number;
  stage: string;
  stage_raw: string;
  entered_at: string;
  exited_at: string | null;
  days_in_stage: number | null;
  reason: string | null;
  origin: string;
  path: string | null;
  source_row: number | null;
  is_reentry: boolean;
  is_recycle: boolean;
  is_regression: boolean;
  is_out_of_order: boolean;
  inferred: boolean;
  stage_kind: string;
}

/**
 * The warehouse's form of an id as typed: itself when it is there; else a Salesforce id in the
 * other form. The loader keeps Salesforce ids as 18 characters, while reports (and people) show
 * 15: a 15-character id is widened exactly (its case is the id), and an 18-character id matches
 * in any case (its last three characters carry the case). Undefined when nothing matches; an
 * error when several do.
 */
async function resolveLeadId(wh: Warehouse, typed: string): Promise<string | undefined> {
  const widened = toSalesforceId18(typed);
  const salesforceLike = /^[0-9A-Za-z]{15}([0-9A-Za-z]{3})?$/.test(typed);
  const found = await wh.all<{ lead_id: string; exact: boolean }>(
    `select distinct lead_id, lead_id = $typed as exact
     from (select lead_id from leads union all select lead_id from stage_events)
     where lead_id = $typed or lead_id = $widened
        or ($salesforce and length(lead_id) = 18 and lower(lead_id) = lower($widened))
     order by exact desc, lead_id`,
    { typed, widened, salesforce: salesforceLike && widened.length === 18 },
  );
  if (found.length === 0) return undefined;
  if (found[0]!.exact || found.length === 1) return found[0]!.lead_id;
  throw dataError(`lead id "${typed}" matches ${found.length} leads in another case: ${found.map((f) => `"${f.lead_id}"`).join(', ')}; type the id exactly`);
}

export async function leadTimeline(options: { id: string; db?: string; config?: string }): Promise<LeadTimeline> {
  const config = loadConfig(options.config);
  return withExistingWarehouse(options.db, async (wh) => {
    await buildModels(wh, config);
    const id = (await resolveLeadId(wh, options.id)) ?? options.id;
    const lead = await wh.one<Record<string, unknown>>(
      `select lead_id, source_system, email, company, source, owner_id, owner_name, team,
              strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') as created_at, current_stage, highest_stage,
              has_skip, has_recycle, has_reentry, has_regression, has_out_of_order, has_unknown_stage
       from dim_leads where lead_id = $id`,
      { id },
    );
    const rows = await wh.all<EventRow>(
      `select e.event_number::int as event_number, e.stage, e.stage_raw, e.stage_kind,
              strftime(e.entered_at, '%Y-%m-%dT%H:%M:%SZ') as entered_at,
              strftime(e.exited_at, '%Y-%m-%dT%H:%M:%SZ') as exited_at,
              round(e.days_in_stage, 2)::double as days_in_stage, e.reason, e.origin, r.path, e.source_row,
              e.is_reentry, e.is_recycle, e.is_regression, e.is_out_of_order, e.inferred
       from fct_stage_entries e left join load_runs r on r.load_id = e.load_id
       where e.lead_id = $id order by e.event_number`,
      { id },
    );
    if (!lead && rows.length === 0) throw dataError(`no lead with id "${options.id}" in the warehouse`);
    const events = rows.map(
      (r): LeadTimelineEvent => ({
        eventNumber: r.event_number,
        stage: r.stage,
        stageRaw: r.stage_raw,
        enteredAt: r.entered_at,
        exitedAt: r.exited_at,
        daysInStage: r.days_in_stage,
        reason: r.reason,
        origin: r.origin,
        file: r.path,
        row: r.source_row,
        flags: [
          r.is_reentry && 're-entry',
          r.is_recycle && 'recycle',
          r.is_regression && 'regression',
          r.is_out_of_order && 'out of order',
          r.inferred && 'inferred',
          r.stage_kind === 'unknown' && 'unknown stage value',
        ].filter((f): f is string => Boolean(f)),
      }),
    );
    return { leadId: id, lead: lead ?? null, events };
  });
}
