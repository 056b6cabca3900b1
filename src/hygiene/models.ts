/**
 * The hygiene models: parameterised SQL files under sql/hygiene/, each materialised as a temp
 * table of its own name for the report's queries (they depend on the config and the as-of, so
 * they are not warehouse marts). Every config value is bound as a parameter.
 */
import type { Warehouse } from '../db/connection.js';
import type { SqlParams } from '../db/connection.js';

export async function materialise(wh: Warehouse, model: string, params?: SqlParams): Promise<void> {
  // the engine's own version of the model when it has one (sql/engines/<engine>/hygiene/)
  const select = await wh.modelSql(`hygiene/${model}.sql`);
  try {
    await wh.run(`create or replace temp table ${model} as\n${select}`, params);
  } catch (error) {
    throw new Error(`sql/hygiene/${model}.sql: ${(error as Error).message}`, { cause: error });
  }
}

/** A timestamp column as ISO text (UTC) in the rows returned: the contract's instants. */
export const isoText = (column: string) => `strftime(make_timestamp(epoch_us(${column})), '%Y-%m-%dT%H:%M:%SZ')`;

/** The most rows a list of the report holds; its count is always complete (docs/hygiene.md). */
export const listLimit = 1000;
