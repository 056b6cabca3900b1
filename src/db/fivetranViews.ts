/**
 * The canonical warehouse tables as views over the tables a Fivetran connector syncs into a
 * PostgreSQL schema (HubSpot or Salesforce), so the models read Fivetran's schema directly with
 * no export and no `load`. The views are SQL files under sql/sources/fivetran/<source>/ (one per
 * canonical table; sql/sources/fivetran/none/ holds the empty ones), created with the Fivetran
 * schema first on the search path, so no name is spliced into their text. Before anything is
 * created every Fivetran table and column a view reads is checked; a missing one stops the
 * install with its name. docs/engines.md, "Reading Fivetran's schemas directly".
 */
import { readFile } from 'node:fs/promises';
import { dataError, usageError } from '../errors.js';
import { sqlPath } from '../paths.js';
import { canonicalTables } from './pgCopy.js';
import type { Engine } from './engine.js';
import { PostgresWarehouse } from './postgres.js';

export type FivetranSource = 'hubspot' | 'salesforce';

/** A Fivetran table the views read: the columns they name directly (others are optional, read from the row's jsonb). */
interface SourceTable {
  name: string;
  /** the load id its rows carry, and its row in the load_runs view */
  loadId: number;
  /** the canonical table it mainly feeds (load_runs.object) */
  object: string;
  columns: string[];
}

interface SourceViews {
  tables: SourceTable[];
  /** canonical table → the Fivetran tables its view reads; not listed: the empty view (none/) */
  views: Record<string, string[]>;
  /** views made empty, and said so, when a table they read is missing (deals are not every team's sync) */
  optional: string[];
}

const sources: Record<FivetranSource, SourceViews> = {
  hubspot: {
    tables: [
      { name: 'contact', loadId: 1, object: 'leads', columns: ['id', 'property_email', '_fivetran_synced'] },
      { name: 'contact_property_history', loadId: 2, object: 'field_history', columns: ['contact_id', 'name', 'value', 'timestamp', '_fivetran_synced'] },
      { name: 'owner', loadId: 3, object: 'owners', columns: ['owner_id', 'first_name', 'last_name', 'email', '_fivetran_synced'] },
      { name: 'engagement', loadId: 4, object: 'activities', columns: ['id', 'type', 'timestamp', 'owner_id', '_fivetran_synced'] },
      { name: 'engagement_contact', loadId: 5, object: 'activity_leads', columns: ['engagement_id', 'contact_id', '_fivetran_synced'] },
      { name: 'deal', loadId: 6, object: 'opportunities', columns: ['deal_id', 'deal_pipeline_id', 'deal_pipeline_stage_id', '_fivetran_synced'] },
      { name: 'deal_stage', loadId: 7, object: 'opportunity_stage_events', columns: ['deal_id', 'value', 'date_entered', '_fivetran_synced'] },
      { name: 'deal_pipeline_stage', loadId: 8, object: 'opportunities', columns: ['stage_id', 'closed_won', '_fivetran_synced'] },
      { name: 'deal_contact', loadId: 9, object: 'opportunities', columns: ['deal_id', 'contact_id', '_fivetran_synced'] },
    ],
    views: {
      leads: ['contact'],
      lead_fields: ['contact'],
      stage_events: ['contact', 'contact_property_history'],
      field_history: ['contact', 'contact_property_history'],
      owners: ['owner'],
      activities: ['engagement', 'engagement_contact'],
      activity_leads: ['engagement_contact'],
      opportunities: ['deal', 'deal_pipeline_stage', 'deal_contact'],
      opportunity_stage_events: ['deal_stage'],
    },
    optional: ['opportunities', 'opportunity_stage_events'],
  },
  salesforce: {
    tables: [
      { name: 'lead', loadId: 1, object: 'leads', columns: ['id', 'company', 'status', 'created_date', '_fivetran_synced'] },
      { name: 'lead_history', loadId: 2, object: 'field_history', columns: ['lead_id', 'field', 'new_value', 'created_date', '_fivetran_synced'] },
      { name: 'user', loadId: 3, object: 'owners', columns: ['id', 'time_zone_sid_key', '_fivetran_synced'] },
      { name: 'task', loadId: 4, object: 'activities', columns: ['id', 'who_id', 'created_date', '_fivetran_synced'] },
      { name: 'opportunity', loadId: 5, object: 'opportunities', columns: ['id', 'name', 'stage_name', 'close_date', '_fivetran_synced'] },
      {
        name: 'opportunity_history',
        loadId: 6,
        object: 'opportunity_stage_events',
        columns: ['opportunity_id', 'stage_name', 'created_date', '_fivetran_synced'],
      },
    ],
    views: {
      leads: ['lead'],
      lead_fields: ['lead'],
      stage_events: ['lead', 'lead_history'],
      field_history: ['lead_history'],
      owners: ['user'],
      activities: ['task'],
      opportunities: ['opportunity'],
      opportunity_stage_events: ['opportunity_history'],
    },
    optional: ['opportunities', 'opportunity_stage_events'],
  },
};

export const fivetranSources = Object.keys(sources) as FivetranSource[];

const identifier = /^[a-z_][a-z0-9_]*$/;
const quoted = (name: string) => `"${name}"`;

export interface ConnectResult {
  source: FivetranSource;
  fromSchema: string;
  schema: string;
  /** canonical table → the Fivetran tables its view reads (empty: an empty view) */
  views: Record<string, string[]>;
  /** what was left empty, and why */
  notes: string[];
}

/** Creates (or replaces) the canonical views in the warehouse's schema over the Fivetran schema `fromSchema`. */
export async function connectFivetran(wh: PostgresWarehouse, source: FivetranSource, fromSchema: string): Promise<ConnectResult> {
  const spec = sources[source];
  if (!spec) throw usageError(`--source must be one of ${fivetranSources.join(', ')}, not "${source}"`);
  if (!identifier.test(fromSchema)) throw usageError(`--from-schema must be a lowercase schema name (letters, digits, _), not "${fromSchema}"`);
  if (fromSchema === wh.schema) throw usageError(`--from-schema ${fromSchema} is the warehouse's own schema: the views go into another one (?schema= in --db)`);
  const present = await sourceColumns(wh, fromSchema);
  if (present.size === 0)
    throw dataError(
      `the database has no schema ${fromSchema} with tables in it (or this user cannot see them): is --from-schema the schema Fivetran writes ${source} into?`,
    );

  const missing = (table: string) => {
    const have = present.get(table);
    if (!have) return [`${fromSchema}.${table} (no such table)`];
    const wanted = spec.tables.find((t) => t.name === table)!.columns;
    return wanted.filter((c) => !have.has(c)).map((c) => `${fromSchema}.${table}.${c}`);
  };
  const views: Record<string, string[]> = {};
  const notes: string[] = [];
  const refused: string[] = [];
  for (const table of canonicalTables) {
    const reads = spec.views[table];
    if (!reads) continue;
    const gaps = reads.flatMap(missing);
    if (gaps.length === 0) views[table] = reads;
    else if (spec.optional.includes(table)) notes.push(`${table}: left empty, ${gaps.join(', ')} missing`);
    else refused.push(...gaps);
  }
  if (refused.length) {
    throw dataError(
      `cannot read ${source} from the schema ${fromSchema}: Fivetran's ${[...new Set(refused)].join(', ')} missing (docs/engines.md lists what each view reads)`,
    );
  }
  await refuseLoadedTables(wh);

  const used = spec.tables.filter((t) => Object.values(views).some((reads) => reads.includes(t.name)));
  await wh.transaction(async () => {
    // the Fivetran schema first: the views' table names bind there, our helpers in the warehouse schema
    await wh.run(`set local search_path = ${quoted(fromSchema)}, ${quoted(wh.schema)}, pg_catalog`);
    await wh.runScript(await readFile(sqlPath('sources/fivetran/functions.sql'), 'utf8'), 'sql/sources/fivetran/functions.sql');
    for (const table of canonicalTables) {
      const file = table === 'load_runs' || table === 'rejected_rows' ? undefined : views[table] ? `${source}/${table}.sql` : `none/${table}.sql`;
      const select = file
        ? await readFile(sqlPath(`sources/fivetran/${file}`), 'utf8')
        : table === 'load_runs'
          ? loadRunsSql(source, used)
          : rejectedRowsSql(used);
      const existing = await wh.relationKind(table);
      if (existing) await wh.run(`drop ${existing} ${quoted(wh.schema)}.${table} cascade`);
      // engagement_events is no Fivetran table: an empty table, whose rows have the ctid sla__instances numbers them by
      const kind = table === 'engagement_events' ? 'table' : 'view';
      try {
        await wh.run(`create ${kind} ${quoted(wh.schema)}.${table} as\n${select}`);
      } catch (error) {
        throw new Error(`sql/sources/fivetran/${file ?? `(${table})`}: ${(error as Error).message}`, { cause: error });
      }
    }
    // the models are built again from the views at the next report
    await wh.run(`drop table if exists ${quoted(wh.schema)}.model_state`);
  });
  return { source, fromSchema, schema: wh.schema, views, notes };
}

/** For the command: the warehouse must be a PostgreSQL one, where Fivetran's schema can be. */
export async function connectFivetranTo(wh: Engine, source: string, fromSchema: string): Promise<ConnectResult> {
  if (!(wh instanceof PostgresWarehouse)) {
    throw usageError(
      `connect-fivetran makes views in a PostgreSQL database: give --db a postgres:// URL (postgres://user@host/db?schema=revops), not ${wh.path}`,
    );
  }
  return connectFivetran(wh, source as FivetranSource, fromSchema);
}

/** Every table of the Fivetran schema with its columns. */
async function sourceColumns(wh: PostgresWarehouse, schema: string): Promise<Map<string, Set<string>>> {
  const rows = await wh.all<{ table_name: string; column_name: string }>(
    `select table_name::text as table_name, column_name::text as column_name from information_schema.columns where table_schema = $1`,
    [schema],
  );
  const tables = new Map<string, Set<string>>();
  for (const row of rows) tables.set(row.table_name, (tables.get(row.table_name) ?? new Set()).add(row.column_name));
  return tables;
}

/** Loaded canonical tables would be dropped by the views: a schema is read through views or loaded into, not both. */
async function refuseLoadedTables(wh: PostgresWarehouse): Promise<void> {
  if ((await wh.relationKind('load_runs')) !== 'table') return;
  const tables: string[] = [];
  for (const table of canonicalTables) if ((await wh.relationKind(table)) === 'table') tables.push(table);
  throw dataError(
    `the schema ${wh.schema} holds loaded tables (${tables.join(', ')}): connect Fivetran to a schema of its own (?schema= in --db), or drop those tables first`,
  );
}

/** Deleted-at-the-source rows of a table: Fivetran's mark, and Salesforce's own where the table has one. */
const deletedSql = (table: string) =>
  `fivetran_deleted(to_jsonb(${quoted(table)}) ->> '_fivetran_deleted') or fivetran_deleted(to_jsonb(${quoted(table)}) ->> 'is_deleted')`;

/** load_runs: one row per Fivetran table the views read; its rows and newest sync stand for a load. */
function loadRunsSql(source: FivetranSource, tables: SourceTable[]): string {
  return tables
    .map(
      (t) => `select ${t.loadId} as load_id, '${t.name}'::text as path, '${t.name}'::text as file_name, 'fivetran'::text as detected_crm,
  '${t.object}'::text as object, 'fivetran_${source}_${t.name}'::text as variant, 'fivetran view'::text as checksum,
  'utf-8'::text as encoding, ''::text as delimiter, max(fivetran_instant(_fivetran_synced)) as snapshot_at,
  count(*)::integer as rows_read, (count(*) - count(*) filter (where ${deletedSql(t.name)}))::integer as rows_loaded,
  (count(*) filter (where ${deletedSql(t.name)}))::integer as rows_rejected, 0 as rows_duplicate,
  max(fivetran_instant(_fivetran_synced)) as started_at, max(fivetran_instant(_fivetran_synced)) as finished_at,
  0 as naive_timestamps, null::text as zone_assumed, null::text as zone_source
from ${quoted(t.name)}`,
    )
    .join('\nunion all\n');
}

/** rejected_rows: the rows the views leave out because the source deleted them. */
function rejectedRowsSql(tables: SourceTable[]): string {
  return tables
    .map(
      (t) => `select ${t.loadId} as load_id, '${t.name}'::text as path, null::integer as line_number, null::integer as row_number,
  to_jsonb(${quoted(t.name)})::text as raw_line,
  case when fivetran_deleted(to_jsonb(${quoted(t.name)}) ->> 'is_deleted') then 'deleted in Salesforce (IsDeleted)'
       else 'deleted at the source (_fivetran_deleted)' end as reason
from ${quoted(t.name)} where ${deletedSql(t.name)}`,
    )
    .join('\nunion all\n');
}
