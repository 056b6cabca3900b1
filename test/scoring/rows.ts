/** Hand-built warehouse rows for the scoring tests (load_id 0: no load run behind them). */
import type { Warehouse } from '../../src/db/connection.js';
import type { ScoringModel } from '../../src/scoring/model.js';
import { readLeadScores, scoreAsOf, type LeadScore } from '../../src/scoring/scoreAsOf.js';

export interface LeadRow {
  lead_id: string;
  email?: string;
  company?: string;
  account_id?: string;
  created_at?: string;
}

export async function addLead(wh: Warehouse, lead: LeadRow): Promise<void> {
  await wh.run(
    `insert into leads (lead_id, source_system, email, company, account_id, created_at, load_id)
     values ($1, 'test', $2, $3, $4, $5::timestamptz, 0)`,
    [lead.lead_id, lead.email ?? null, lead.company ?? null, lead.account_id ?? null, lead.created_at ?? '2024-01-01'],
  );
}

/** Current (today's) exported field values. */
export async function addFields(wh: Warehouse, leadId: string, fields: Record<string, string>): Promise<void> {
  for (const [field, value] of Object.entries(fields)) {
    await wh.run(`insert into lead_fields (lead_id, field, value, load_id) values ($1, $2, $3, 0)`, [leadId, field, value]);
  }
}

export async function addHistory(wh: Warehouse, leadId: string, field: string, value: string | null, changedAt: string): Promise<void> {
  await wh.run(`insert into field_history (lead_id, field, value, changed_at, load_id) values ($1, $2, $3, $4::timestamptz, 0)`, [
    leadId,
    field,
    value,
    changedAt,
  ]);
}

/** events: [event_type, occurred_at, detail?] */
export async function addEvents(wh: Warehouse, leadId: string, events: [string, string, string?][]): Promise<void> {
  for (const [type, at, detail] of events) {
    await wh.run(`insert into engagement_events (lead_id, event_type, occurred_at, detail, load_id) values ($1, $2, $3::timestamptz, $4, 0)`, [
      leadId,
      type,
      at,
      detail ?? null,
    ]);
  }
}

/** Creates `decisions(lead_id, decided_at)` and scores it; returns the rows keyed by lead_id. */
export async function scoreAt(
  wh: Warehouse,
  model: ScoringModel,
  decisions: [string, string][],
  into = 'lead_scores',
  options: { rulePoints?: boolean } = {},
): Promise<Map<string, LeadScore>> {
  await wh.run(`create or replace temp table decisions (lead_id varchar, decided_at timestamptz)`);
  for (const [leadId, at] of decisions) {
    await wh.run(`insert into decisions values ($1, $2::timestamptz)`, [leadId, at]);
  }
  const table = await scoreAsOf(wh, model, 'decisions', { into, ...options });
  const rows = await readLeadScores(wh, table);
  return new Map(rows.map((r) => [r.lead_id, r]));
}

/** A model with no rules, to which a test adds the rules it exercises. */
export function model(parts: Partial<ScoringModel>): ScoringModel {
  return { name: 'test', version: '1', threshold: 50, fit: [], engagement: [], negative: [], ...parts };
}
