/**
 * What differs per engine outside the SQL text itself: where an engine's own version of a model
 * lives (sql/engines/<engine>/<path>, used when the portable model cannot run there or is much
 * slower), and DuckDB's catalog queries.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sqlPath } from '../paths.js';
import type { Engine, RelationKind } from './engine.js';

export type EngineName = 'duckdb' | 'postgres';

/** The engine's own version of a model file when there is one, else the portable model. */
export async function engineModelSql(engine: EngineName, relativePath: string): Promise<string> {
  const own = sqlPath(`engines/${engine}/${relativePath}`);
  return readFile(existsSync(own) ? own : sqlPath(relativePath), 'utf8');
}

export const duckDbCatalog = {
  async relationKind(wh: Engine, name: string): Promise<RelationKind | undefined> {
    const row = await wh.one<{ type: string }>(
      `select table_type as type from information_schema.tables where table_schema = current_schema() and table_name = $name`,
      { name },
    );
    return row ? (row.type === 'VIEW' ? 'view' : 'table') : undefined;
  },
  async temporaryKind(wh: Engine, name: string): Promise<RelationKind | undefined> {
    const row = await wh.one<{ kind: string }>(
      `select 'table' as kind from duckdb_tables() where temporary and table_name = $name
       union all select 'view' from duckdb_views() where temporary and view_name = $name`,
      { name },
    );
    return row?.kind as RelationKind | undefined;
  },
  async columns(wh: Engine, name: string): Promise<{ name: string; type: string }[]> {
    return wh.all<{ name: string; type: string }>(
      `select column_name as name, data_type as type from information_schema.columns
       where table_schema = current_schema() and table_name = $name order by ordinal_position`,
      { name },
    );
  },
};
