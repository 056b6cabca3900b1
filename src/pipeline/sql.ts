/**
 * Running the pipeline report's SQL files (sql/pipeline/): each file is one statement, given only
 * the parameters it names, so one parameter set serves every file. Every user value is bound.
 */
import type { Warehouse } from '../db/connection.js';

export type PipelineParams = Record<string, unknown>;

const text = (wh: Warehouse, name: string) => wh.modelSql(`pipeline/${name}.sql`);

// DuckDB refuses a parameter the statement does not name; comments name them too, so they are left out
function used(sql: string, params: PipelineParams): PipelineParams {
  const code = sql.replace(/--[^\n]*/g, '');
  return Object.fromEntries(Object.entries(params).filter(([key]) => new RegExp(`\\$${key}\\b`).test(code)));
}

/** The rows of a pipeline query file. */
export async function pipelineRows<T>(wh: Warehouse, name: string, params: PipelineParams): Promise<T[]> {
  const sql = await text(wh, name);
  return wh.all<T>(sql, used(sql, params));
}

/** A pipeline query file materialised as a temp table the next files read. */
export async function pipelineTable(wh: Warehouse, table: string, name: string, params: PipelineParams): Promise<void> {
  const sql = await text(wh, name);
  await wh.run(`create or replace temp table ${table} as\n${sql}`, used(sql, params));
}

/** A DATE or TIMESTAMP value as YYYY-MM-DD. */
export const day = (value: unknown): string | null =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

/** A BIGINT or DOUBLE sum as a number (cents sums stay below 2^53). */
export const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
