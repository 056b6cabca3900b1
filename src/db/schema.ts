/**
 * The marts and warehouse tables as Kysely sees them: the columns metric queries read. Timestamps
 * arrive as Date, counts must be cast to INTEGER in SQL (BIGINT would arrive as bigint).
 */
export interface StageEntriesTable {
  lead_id: string;
  event_number: number;
  stage: string;
  stage_raw: string;
  stage_kind: 'stage' | 'exit' | 'unknown';
  stage_order: number | null;
  entered_at: Date;
  exited_at: Date | null;
  days_in_stage: number | null;
  is_current: boolean;
  entry_number_in_stage: number;
  next_entry_in_stage_at: Date | null;
  is_reentry: boolean;
  is_recycle: boolean;
  is_disqualification: boolean;
  is_regression: boolean;
  is_out_of_order: boolean;
  reason: string | null;
  origin: string;
  inferred: boolean;
  load_id: number | null;
  source_row: number | null;
}

export interface LeadsDimension {
  lead_id: string;
  source_system: string | null;
  email: string | null;
  company: string | null;
  account_id: string | null;
  created_at: Date | null;
  source: string | null;
  owner_id: string | null;
  owner_name: string | null;
  team: string | null;
  current_stage: string | null;
  highest_stage: string | null;
  has_skip: boolean;
  has_recycle: boolean;
  has_reentry: boolean;
  has_out_of_order: boolean;
}

export interface ConfigStagesTable {
  stage: string;
  stage_order: number;
  label: string;
}

export interface LoadRunsTable {
  load_id: number;
  path: string;
  detected_crm: string;
  object: string;
  snapshot_at: Date | null;
  rows_read: number;
  rows_loaded: number;
  rows_rejected: number;
  rows_duplicate: number;
  started_at: Date;
  finished_at: Date;
  naive_timestamps: number | null;
  zone_assumed: string | null;
  zone_source: string | null;
}

export interface DB {
  fct_stage_entries: StageEntriesTable;
  dim_leads: LeadsDimension;
  cfg_stages: ConfigStagesTable;
  load_runs: LoadRunsTable;
}
