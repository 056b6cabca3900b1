/**
 * Pipeline fixtures written straight into the warehouse tables (opportunities, opportunity_stage_events,
 * owners, leads, opportunity_fields), as a load would leave them: the report is tested on the
 * staging contract, not on one export format.
 */
import type { Warehouse } from '../../src/db/connection.js';

export interface DealRow {
  id: string;
  name?: string;
  amount?: number | null;
  owner?: string;
  pipeline?: string;
  stage: string;
  created: string;
  close?: string | null;
  isClosed?: boolean | null;
  isWon?: boolean | null;
  leadId?: string;
}

/** One history row: the deal's stage, amount and close date after a change (OpportunityHistory's shape). */
export interface HistoryRow {
  id: string;
  at: string;
  stage: string;
  amount?: number | null;
  close?: string | null;
}

export async function insertDeals(wh: Warehouse, deals: DealRow[], history: HistoryRow[]): Promise<void> {
  await wh.run(
    `insert into opportunities (opportunity_id, source_system, name, lead_id, amount, owner_id, pipeline, stage_raw, created_at, close_date, is_closed, is_won, load_id, source_row)
     select unnest($ids), 'fixture', unnest($names), unnest($leads), unnest($amounts), unnest($owners), unnest($pipelines), unnest($stages),
            cast(unnest($created) as timestamptz), cast(unnest($closes) as date), unnest($closed), unnest($won), 1, 0`,
    {
      ids: deals.map((d) => d.id),
      names: deals.map((d) => d.name ?? d.id),
      leads: deals.map((d) => d.leadId ?? null),
      amounts: deals.map((d) => (d.amount === undefined ? null : d.amount)),
      owners: deals.map((d) => d.owner ?? 'o1'),
      pipelines: deals.map((d) => d.pipeline ?? 'default'),
      stages: deals.map((d) => d.stage),
      created: deals.map((d) => d.created),
      closes: deals.map((d) => d.close ?? null),
      closed: deals.map((d) => d.isClosed ?? null),
      won: deals.map((d) => d.isWon ?? null),
    },
  );
  if (history.length === 0) return;
  await wh.run(
    `insert into opportunity_stage_events (opportunity_id, stage_raw, entered_at, amount, close_date, load_id, source_row)
     select unnest($ids), unnest($stages), cast(unnest($at) as timestamptz), unnest($amounts), cast(unnest($closes) as date), 1, unnest($rows)`,
    {
      ids: history.map((h) => h.id),
      stages: history.map((h) => h.stage),
      at: history.map((h) => h.at),
      amounts: history.map((h) => (h.amount === undefined ? null : h.amount)),
      closes: history.map((h) => h.close ?? null),
      rows: history.map((_, i) => i + 1),
    },
  );
}

export async function insertOwners(wh: Warehouse, owners: { id: string; name: string; team: string }[]): Promise<void> {
  await wh.run(`insert into owners (owner_id, name, team, load_id) select unnest($ids), unnest($names), unnest($teams), 1`, {
    ids: owners.map((o) => o.id),
    names: owners.map((o) => o.name),
    teams: owners.map((o) => o.team),
  });
}
