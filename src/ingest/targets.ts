/**
 * The staging shape of each canonical table: what a format's emit statements produce
 * (`new_<table>`), and what the merge step reads. Mirrors sql/warehouse/warehouse.sql.
 */
export const targetColumns = {
  leads: {
    lead_id: 'varchar',
    source_system: 'varchar',
    email: 'varchar',
    first_name: 'varchar',
    last_name: 'varchar',
    company: 'varchar',
    account_id: 'varchar',
    created_at: 'timestamptz',
    source: 'varchar',
    owner_id: 'varchar',
    stage_raw: 'varchar',
    lead_status: 'varchar',
  },
  lead_fields: { lead_id: 'varchar', field: 'varchar', value: 'varchar' },
  stage_events: {
    lead_id: 'varchar',
    stage_raw: 'varchar',
    entered_at: 'timestamptz',
    exited_at: 'timestamptz',
    reason: 'varchar',
    origin: 'varchar',
  },
  owners: {
    owner_id: 'varchar',
    name: 'varchar',
    email: 'varchar',
    team: 'varchar',
    role: 'varchar',
    timezone: 'varchar',
    active: 'boolean',
  },
  activities: {
    activity_id: 'varchar',
    lead_id: 'varchar',
    owner_id: 'varchar',
    type: 'varchar',
    direction: 'varchar',
    occurred_at: 'timestamptz',
    automated: 'boolean',
    subject: 'varchar',
  },
  activity_leads: { activity_id: 'varchar', lead_id: 'varchar' },
  engagement_events: {
    lead_id: 'varchar',
    event_type: 'varchar',
    occurred_at: 'timestamptz',
    detail: 'varchar',
  },
  field_history: {
    lead_id: 'varchar',
    field: 'varchar',
    value: 'varchar',
    changed_at: 'timestamptz',
    source: 'varchar',
  },
  opportunities: {
    opportunity_id: 'varchar',
    source_system: 'varchar',
    name: 'varchar',
    lead_id: 'varchar',
    account_id: 'varchar',
    amount: 'double',
    currency: 'varchar',
    owner_id: 'varchar',
    pipeline: 'varchar',
    stage_raw: 'varchar',
    created_at: 'timestamptz',
    close_date: 'date',
    is_closed: 'boolean',
    is_won: 'boolean',
    loss_reason: 'varchar',
  },
  opportunity_fields: { opportunity_id: 'varchar', field: 'varchar', value: 'varchar' },
  opportunity_stage_events: {
    opportunity_id: 'varchar',
    stage_raw: 'varchar',
    entered_at: 'timestamptz',
    amount: 'double',
    close_date: 'date',
    pipeline: 'varchar',
    exited_at: 'timestamptz',
  },
  opportunity_events: {
    opportunity_id: 'varchar',
    field: 'varchar',
    value: 'varchar',
    old_value: 'varchar',
    changed_at: 'timestamptz',
    origin: 'varchar',
  },
} as const satisfies Record<string, Record<string, string>>;

export type TargetTable = keyof typeof targetColumns;
export const targetTables = Object.keys(targetColumns) as TargetTable[];

/**
 * Entities whose unmapped export columns are kept as (id, field, value) in a fields table, so
 * `--by industry` (leads) or `--by product` (opportunities) reads any exported column. The fields
 * of an entity follow its snapshot: the export that wins the entity row brings all its fields.
 */
export const entityFields = {
  leads: { table: 'lead_fields', key: 'lead_id' },
  opportunities: { table: 'opportunity_fields', key: 'opportunity_id' },
} as const satisfies Partial<Record<TargetTable, { table: TargetTable; key: string }>>;

export type FieldEntity = keyof typeof entityFields;
export type FieldsTable = (typeof entityFields)[FieldEntity]['table'];
export const isFieldsTable = (table: string): table is FieldsTable => Object.values(entityFields).some((f) => f.table === table);

/** Columns that must be present for a staged row to be usable (else the row is rejected). */
export const requiredTargetColumns: Partial<Record<TargetTable, string[]>> = {
  leads: ['lead_id'],
  stage_events: ['lead_id', 'stage_raw', 'entered_at'],
  owners: ['owner_id'],
  activities: ['activity_id', 'occurred_at'],
  activity_leads: ['activity_id', 'lead_id'],
  engagement_events: ['lead_id', 'event_type', 'occurred_at'],
  field_history: ['lead_id', 'field', 'changed_at'],
  opportunities: ['opportunity_id'],
  opportunity_stage_events: ['opportunity_id', 'stage_raw', 'entered_at'],
  opportunity_events: ['opportunity_id', 'field', 'changed_at'],
};
