/**
 * Identity across systems. Every model joins on lead_id (and opportunity_id) alone, so an id must
 * mean one record: a row whose lead or opportunity id already belongs to a record from another
 * source system (an earlier load, or an earlier file of this load) is rejected with the reason,
 * never merged into that record. It is marked in `typed` before anything is emitted, so nothing
 * from that row — the entity, its stage events, its fields — reaches the other system's record,
 * and the row counts as rejected: read = loaded + rejected + duplicates still holds.
 *
 * The check reads the warehouse as the load's transaction has it, so it runs on the load's
 * connection, which cannot write the staged `typed_rows` (scratch.ts): the rejected rows and their
 * reasons go to a temp table, and a temp view `typed` over the staged one applies them.
 */
import type { Warehouse } from '../db/connection.js';
import type { ColumnResolution } from './columns.js';
import type { FormatSpec } from './formats/types.js';
import { isEmpty } from './merge.js';
import { SqlParams } from './sqlParams.js';
import { type CsvSource, emitContext, readRawRows } from './stageFile.js';

const entities = [
  { table: 'leads', key: 'lead_id', noun: 'lead' },
  { table: 'opportunities', key: 'opportunity_id', noun: 'opportunity' },
] as const;

/**
 * Rejects the rows of `typed` whose entity id belongs to another system's record, and returns how
 * many. Rejected rows need their raw records (rejects.ts), so `raw_rows` is read when it is not.
 */
export async function rejectForeignIds(wh: Warehouse, spec: FormatSpec, res: ColumnResolution, source: CsvSource, staged: string): Promise<number> {
  const params = new SqlParams();
  let rejected = 0;
  for (const statement of spec.emit(emitContext(res, params))) {
    const entity = entities.find((e) => e.table === statement.target);
    const id = statement.columns[entity?.key ?? ''];
    const system = statement.columns.source_system;
    if (!entity || !id || !system || (await isEmpty(wh, entity.table)) || (await oneSystem(wh, entity.table, system, params))) continue;
    rejected += await rejectAgainst(wh, entity, id, system, params, staged);
  }
  if (rejected > 0 && !(await hasRawRows(wh))) await readRawRows(wh, source, true);
  return rejected;
}

/** One entity: the colliding rows, by their number, and their reasons, applied to `typed` by a temp view over `staged`. */
async function rejectAgainst(wh: Warehouse, entity: (typeof entities)[number], id: string, system: string, params: SqlParams, staged: string) {
  const advice = params.add("ids from two systems collide — load them into separate warehouses, or prefix one system's ids before loading");
  // `id` and `system` are the spec's emit expressions over typed's columns (no user text spliced)
  const collisions = `
    insert into foreign_rejects
    select t.__row,
           '${entity.noun} id "' || t.__id || '" already belongs to a ' || w.source_system || ' ${entity.noun} (load ' || w.load_id || '); ' || ${advice} as reason
    from (select __row, ${id} as __id, ${system} as __system from typed where __reject is null and not __duplicate) t
    join ${entity.table} w on w.${entity.key} = t.__id and w.source_system <> t.__system
    -- a warehouse loaded before this check may hold an id under two systems: name the first
    qualify row_number() over (partition by t.__row order by w.load_id, w.source_system) = 1`;
  const before = await foreignRejects(wh, staged);
  await wh.run(collisions, params.for(collisions));
  return (await foreignRejects(wh, staged)) - before;
}

/** The rows rejected so far (creating the table and the view over `staged` the first time). */
async function foreignRejects(wh: Warehouse, staged: string): Promise<number> {
  const exists = await wh.one<{ n: number }>(`select count(*)::int as n from duckdb_tables() where table_name = 'foreign_rejects' and temporary`);
  if (exists!.n === 0) {
    await wh.run(`create temp table foreign_rejects (__row integer, reason varchar);
      create temp view typed as select s.* replace (coalesce(s.__reject, f.reason) as __reject)
      from ${staged} s left join temp.foreign_rejects f on f.__row = s.__row`);
  }
  return (await wh.one<{ n: number }>(`select count(*)::int as n from temp.foreign_rejects`))!.n;
}

/** Whether the table and the file hold one and the same system: the usual reload, nothing to compare. */
async function oneSystem(wh: Warehouse, table: string, system: string, params: SqlParams): Promise<boolean> {
  const sql = `select coalesce((select list(distinct source_system) from ${table}), []) as held,
                      coalesce((select list(distinct ${system}) from typed), []) as incoming`;
  const { held, incoming } = (await wh.one<{ held: string[]; incoming: string[] }>(sql, params.for(sql)))!;
  return held.length === 1 && incoming.length === 1 && held[0] === incoming[0];
}

async function hasRawRows(wh: Warehouse): Promise<boolean> {
  // the staged one or the load's own (no warehouse table has the name)
  return (await wh.one<{ present: boolean }>(`select count(*) > 0 as present from duckdb_tables() where table_name = 'raw_rows'`))!.present;
}

/** The load summary's warning for a file with rejected collisions. */
export const collisionWarning = (path: string, rows: number) =>
  `${path}: ${rows} row${rows === 1 ? '' : 's'} rejected: ${rows === 1 ? 'its id already belongs' : 'their ids already belong'} to a record from another system ` +
  '(ids from two systems collide; `revops-report rejects` lists them)';
