/** Where the warehouse is (--db, else REVOPS_DB, else ./revops.duckdb), opened for one command. */
import { existsSync } from 'node:fs';
import { isPostgresUrl, Warehouse } from '../db/connection.js';
import { loadInto } from '../db/loadTarget.js';
import { explainWarehouseError } from '../db/warehouseErrors.js';
import { dataError } from '../errors.js';

export const warehousePath = (db?: string) => db ?? process.env.REVOPS_DB ?? 'revops.duckdb';

/** The demo's own warehouse, named when a report finds none: the usual first stumble. */
const demoWarehouse = 'out/demo/demo.duckdb';

export async function withWarehouse<T>(db: string | undefined, work: (wh: Warehouse) => Promise<T>): Promise<T> {
  const path = warehousePath(db);
  let wh: Warehouse | undefined;
  try {
    wh = await Warehouse.open({ path });
    return await work(wh);
  } catch (error) {
    throw explainWarehouseError(error, path);
  } finally {
    wh?.close();
  }
}

/**
 * Where `load` writes: the warehouse itself, or for a PostgreSQL-family warehouse (a postgres://
 * URL) a DuckDB warehouse in memory whose canonical tables replace the schema's at the end;
 * `after` then runs on the target itself.
 */
export async function withLoadTarget<T, U>(
  db: string | undefined,
  work: (wh: Warehouse) => Promise<T>,
  after: (target: Warehouse, loaded: T) => Promise<U>,
): Promise<U> {
  return withWarehouse(db, async (target) => after(target, await loadInto(target, work)));
}

/**
 * For commands that read the warehouse (reports, lead, rejects): they never create one. A missing
 * file is an error naming it; with `needLeads`, so is a warehouse without a single lead, where
 * every report would print zeros.
 */
export async function withExistingWarehouse<T>(db: string | undefined, work: (wh: Warehouse) => Promise<T>, { needLeads = true } = {}): Promise<T> {
  const path = warehousePath(db);
  if (path !== ':memory:' && !isPostgresUrl(path) && !existsSync(path)) {
    throw dataError(
      `no warehouse at ${path}: run \`revops-report load <exports>\` first (it creates it)` +
        `${db !== undefined ? '' : process.env.REVOPS_DB ? ' ($REVOPS_DB names it), or pass --db PATH' : ', or pass --db PATH'}. ` +
        `The demo's warehouse is ${demoWarehouse} (--db ${demoWarehouse}).`,
    );
  }
  return withWarehouse(db, async (wh) => {
    if (needLeads) {
      const { n } = (await wh.one<{ n: number }>(`select count(*)::int as n from leads`))!;
      if (n === 0) throw dataError(`the warehouse ${path} has no leads yet: load a leads or contacts export first (\`revops-report load <exports>\`).`);
    }
    return work(wh);
  });
}
