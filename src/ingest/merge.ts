/**
 * Merges one file's `new_<table>` rows into the warehouse. Entities (leads, owners, activities,
 * opportunities) are replaced by the newer export (by snapshot time); facts (stage events,
 * engagement, field history, opportunity stage events) are added unless already present, so
 * loading the same facts twice changes nothing.
 */
import type { Warehouse } from '../db/connection.js';
import { timed } from '../timing.js';
import { inferSnapshotDealChanges } from './dealSnapshots.js';
import { entityFields, type FieldEntity, isFieldsTable, type TargetTable, targetColumns } from './targets.js';

export interface MergeContext {
  loadId: number;
  snapshotAt: Date;
}

const cols = (table: keyof typeof targetColumns) => Object.keys(targetColumns[table]).join(', ');

/** What identifies a row of each table: the entity id, or the whole fact. */
export const mergeKeys: Record<TargetTable, string[]> = {
  leads: ['lead_id'],
  opportunities: ['opportunity_id'],
  owners: ['owner_id'],
  activities: ['activity_id'],
  activity_leads: ['activity_id', 'lead_id'],
  lead_fields: ['lead_id', 'field'],
  opportunity_fields: ['opportunity_id', 'field'],
  stage_events: ['lead_id', 'stage_raw', 'entered_at'],
  engagement_events: ['lead_id', 'event_type', 'occurred_at', 'detail'],
  field_history: ['lead_id', 'field', 'changed_at'],
  // OpportunityHistory writes a row per changed field of one save: same stage and instant, its own amount or close date
  opportunity_stage_events: ['opportunity_id', 'stage_raw', 'entered_at', 'amount', 'close_date'],
  // two values of one field at one instant are two facts (a value corrected within the second)
  opportunity_events: ['opportunity_id', 'field', 'changed_at', 'value'],
};

/**
 * The columns a merged row gets besides the staged ones, and their values ($load, $snapshot and
 * the staged row's `source_row`): the load, the row it came from, and per table its snapshot time
 * (entities replaced by newer exports) or `inferred` (exported stage events are not).
 */
export function stampsFor(table: TargetTable, sourceRow = 'source_row'): { columns: string; values: string } {
  if (isFieldsTable(table)) return { columns: 'load_id', values: '$load' };
  if (table === 'leads' || table === 'opportunities') return { columns: 'snapshot_at, load_id, source_row', values: `$snapshot, $load, ${sourceRow}` };
  if (table === 'stage_events' || table === 'opportunity_events') return { columns: 'inferred, load_id, source_row', values: `false, $load, ${sourceRow}` };
  return { columns: 'load_id, source_row', values: `$load, ${sourceRow}` };
}

/** Whether a warehouse table has no row yet: the first load of an object needs no merge. */
export async function isEmpty(wh: Warehouse, table: string): Promise<boolean> {
  return (await wh.one<{ empty: boolean }>(`select not exists (select 1 from ${table}) as empty`))!.empty;
}

/** Entities: the row with the later snapshot wins; an equal snapshot means the newer load wins. */
async function mergeEntity(wh: Warehouse, table: 'leads' | 'opportunities', ctx: MergeContext) {
  const [key] = mergeKeys[table];
  // Into an empty table the delete finds nothing and "not exists" holds for every row.
  const empty = await isEmpty(wh, table);
  if (!empty) {
    await wh.run(
      `delete from ${table} t using new_${table} n
       where t.${key} = n.${key} and t.snapshot_at <= $snapshot`,
      { snapshot: ctx.snapshotAt },
    );
  }
  const stamps = stampsFor(table);
  await wh.run(
    `insert into ${table} (${cols(table)}, ${stamps.columns})
     select ${cols(table)}, ${stamps.values}
     from new_${table} n
     ${empty ? '' : `where not exists (select 1 from ${table} t where t.${key} = n.${key})`}`,
    { snapshot: ctx.snapshotAt, load: ctx.loadId },
  );
}

/** Entities without a snapshot notion: the latest load wins. */
async function replaceEntity(wh: Warehouse, table: 'owners' | 'activities', ctx: MergeContext) {
  const [key] = mergeKeys[table];
  if (!(await isEmpty(wh, table))) await wh.run(`delete from ${table} t using new_${table} n where t.${key} = n.${key}`);
  const stamps = stampsFor(table);
  await wh.run(`insert into ${table} (${cols(table)}, ${stamps.columns}) select ${cols(table)}, ${stamps.values} from new_${table}`, { load: ctx.loadId });
}

/**
 * Rows staged and distinct keys among them, in one scan. Keys are compared by hash: a collision
 * can only make keys look repeated, which sends the merge down its slower, exact path.
 */
async function stagedKeys(wh: Warehouse, table: string, keys: string[]) {
  return (await wh.one<{ staged: number; distinctKeys: number }>(
    `select count(*)::int as staged, count(distinct hash(${keys.join(', ')}))::int as "distinctKeys" from new_${table}`,
  ))!;
}

/** Facts: insert what is not there yet (NULL-safe on every key column). */
async function addFacts(wh: Warehouse, table: FactTable, ctx: MergeContext) {
  const keys = mergeKeys[table];
  const columns = cols(table);
  const stamps = stampsFor(table);
  const state = await stagedKeys(wh, table, keys);
  if (state.staged === 0) return;
  // The common first load: nothing there yet and no repeated fact in the file, a plain insert.
  if (state.distinctKeys === state.staged && (await isEmpty(wh, table))) {
    await wh.run(`insert into ${table} (${columns}, ${stamps.columns}) select ${columns}, ${stamps.values} from new_${table}`, { load: ctx.loadId });
    return;
  }
  const match = keys.map((k) => `t.${k} is not distinct from n.${k}`).join(' and ');
  const staged = stampsFor(table, 'n.source_row');
  await wh.run(
    `insert into ${table} (${columns}, ${staged.columns})
     select distinct on (${keys.map((k) => `n.${k}`).join(', ')}) ${columns
       .split(', ')
       .map((c) => `n.${c}`)
       .join(', ')}, ${staged.values}
     from new_${table} n
     where not exists (select 1 from ${table} t where ${match})
     order by ${keys.map((k) => `n.${k}`).join(', ')}, n.source_row`,
    { load: ctx.loadId },
  );
}

type FactTable = 'stage_events' | 'engagement_events' | 'field_history' | 'opportunity_stage_events' | 'opportunity_events' | 'activity_leads';

/**
 * Activities exported without their lead (Fivetran's HubSpot engagement table) take it from the
 * associations (engagement_contact), in whichever order the two were loaded.
 */
export async function linkActivityLeads(wh: Warehouse): Promise<void> {
  if (await isEmpty(wh, 'activity_leads')) return;
  await wh.run(
    `update activities set lead_id = links.lead_id
     from (select activity_id, min(lead_id) as lead_id from activity_leads group by activity_id) as links
     where activities.activity_id = links.activity_id and activities.lead_id is null`,
  );
}

/**
 * A current stage that differs from the one the previous snapshot of the same lead showed is a
 * stage change the CRM never exported: record it at this snapshot, marked inferred — unless an
 * exported event already shows that stage entered since the previous snapshot.
 */
async function inferSnapshotStageEvents(wh: Warehouse, ctx: MergeContext) {
  await wh.run(
    `insert into stage_events (lead_id, stage_raw, entered_at, origin, inferred, load_id, source_row)
     select n.lead_id, n.stage_raw, $snapshot, 'snapshot', true, $load, n.source_row
     from new_leads n join leads o on o.lead_id = n.lead_id
     where o.snapshot_at < $snapshot and n.stage_raw is not null
       and o.stage_raw is distinct from n.stage_raw
       and not exists (select 1 from stage_events e where e.lead_id = n.lead_id and e.stage_raw = n.stage_raw
                       and e.entered_at > o.snapshot_at and e.entered_at <= $snapshot)`,
    { snapshot: ctx.snapshotAt, load: ctx.loadId },
  );
}

export async function mergeStaged(wh: Warehouse, ctx: MergeContext): Promise<void> {
  await timed('  infer snapshot', inferSnapshotStageEvents(wh, ctx));
  await timed('  infer deal changes', inferSnapshotDealChanges(wh, ctx));
  // Fields follow their entity, so they merge while the entity table still holds the older rows.
  await timed('  lead_fields', mergeEntityFields(wh, 'leads', ctx));
  await timed('  leads', mergeEntity(wh, 'leads', ctx));
  await timed('  opportunity_fields', mergeEntityFields(wh, 'opportunities', ctx));
  await timed('  opportunities', mergeEntity(wh, 'opportunities', ctx));
  await timed('  owners', replaceEntity(wh, 'owners', ctx));
  await timed('  activities', replaceEntity(wh, 'activities', ctx));
  for (const table of ['stage_events', 'engagement_events', 'field_history', 'opportunity_stage_events', 'opportunity_events', 'activity_leads'] as const) {
    await timed(`  ${table}`, addFacts(wh, table, ctx));
  }
}

/**
 * An entity's fields follow its row: an export that replaces the row (a newer or equal snapshot)
 * replaces all its fields, so a field the newer export lacks is gone; an older export adds none.
 */
async function mergeEntityFields(wh: Warehouse, entity: FieldEntity, ctx: MergeContext) {
  const { table, key } = entityFields[entity];
  // Before any field is kept there is nothing to delete, and unique fields need no de-duplication.
  const state = (await isEmpty(wh, table)) ? await stagedKeys(wh, table, mergeKeys[table]) : null;
  if (state?.staged === 0) return;
  if (state && state.distinctKeys === state.staged && (await isEmpty(wh, entity))) {
    await wh.run(`insert into ${table} (${key}, field, value, load_id) select ${key}, field, value, $load from new_${table}`, { load: ctx.loadId });
    return;
  }
  await wh.run(
    `delete from ${table} f using ${entity} e, new_${entity} n
     where f.${key} = n.${key} and e.${key} = n.${key} and e.snapshot_at <= $snapshot`,
    { snapshot: ctx.snapshotAt },
  );
  await wh.run(
    `insert into ${table} (${key}, field, value, load_id)
     select distinct on (${key}, field) ${key}, field, value, $load from new_${table} n
     where not exists (select 1 from ${entity} e where e.${key} = n.${key} and e.snapshot_at > $snapshot)
       and not exists (select 1 from ${table} f where f.${key} = n.${key} and f.field = n.field)
     order by ${key}, field, source_row`,
    { load: ctx.loadId, snapshot: ctx.snapshotAt },
  );
}
