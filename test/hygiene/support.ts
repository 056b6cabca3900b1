/** Hand-built hygiene fixtures: lead and field rows inserted into a real in-memory warehouse. */
import type { Warehouse } from '../../src/db/connection.js';

export interface LeadRow {
  id: string;
  system?: string;
  email?: string | null;
  first?: string | null;
  last?: string | null;
  company?: string | null;
  created?: string | null;
  owner?: string | null;
  stage?: string | null;
  account?: string | null;
}

export async function insertLeads(wh: Warehouse, rows: LeadRow[]): Promise<void> {
  const col = <K extends keyof LeadRow>(key: K, fallback: LeadRow[K] = null as LeadRow[K]) => rows.map((r) => (r[key] === undefined ? fallback : r[key]));
  await wh.run(
    `insert into leads (lead_id, source_system, email, first_name, last_name, company, created_at, owner_id, stage_raw, account_id, load_id)
     select unnest($id), unnest($system), unnest($email), unnest($first), unnest($last), unnest($company),
            cast(unnest($created) as timestamptz), unnest($owner), unnest($stage), unnest($account), 1`,
    {
      id: col('id'),
      system: col('system', 'canonical'),
      email: col('email'),
      first: col('first'),
      last: col('last'),
      company: col('company'),
      created: col('created', '2026-01-01T00:00:00Z'),
      owner: col('owner', 'U1'),
      stage: col('stage', 'lead'),
      account: col('account'),
    },
  );
}

/** (lead id, field, value) rows: exported columns such as phone and country. */
export async function insertFields(wh: Warehouse, rows: [string, string, string][]): Promise<void> {
  await wh.run(`insert into lead_fields select unnest($ids), unnest($fields), unnest($values), 1`, {
    ids: rows.map((r) => r[0]),
    fields: rows.map((r) => r[1]),
    values: rows.map((r) => r[2]),
  });
}

/** Stage entries: (lead id, raw stage, entered at[, exited at]). */
export async function insertStageEvents(wh: Warehouse, rows: [string, string, string][]): Promise<void> {
  await wh.run(
    `insert into stage_events (lead_id, stage_raw, entered_at, origin, load_id)
     select unnest($ids), unnest($stages), cast(unnest($at) as timestamptz), 'canonical', 1`,
    { ids: rows.map((r) => r[0]), stages: rows.map((r) => r[1]), at: rows.map((r) => r[2]) },
  );
}

export interface OpportunityRow {
  id: string;
  amount?: number | null;
  close?: string | null;
  stage?: string;
  lossReason?: string | null;
}

export async function insertOpportunities(wh: Warehouse, rows: OpportunityRow[]): Promise<void> {
  await wh.run(
    `insert into opportunities (opportunity_id, source_system, amount, close_date, stage_raw, loss_reason, created_at, load_id)
     select unnest($ids), 'canonical', unnest($amounts), cast(unnest($closes) as date), unnest($stages), unnest($reasons), timestamptz '2026-01-01 00:00:00+00', 1`,
    {
      ids: rows.map((r) => r.id),
      amounts: rows.map((r) => (r.amount === undefined ? 1000 : r.amount)),
      closes: rows.map((r) => (r.close === undefined ? '2026-06-30' : r.close)),
      stages: rows.map((r) => r.stage ?? 'Proposal'),
      reasons: rows.map((r) => r.lossReason ?? null),
    },
  );
}
