/** Where the warehouse is (--db, else REVOPS_DB, else ./revops.duckdb), opened for one command. */
import { Warehouse } from '../db/connection.js';

export const warehousePath = (db?: string) => db ?? process.env.REVOPS_DB ?? 'revops.duckdb';

export async function withWarehouse<T>(db: string | undefined, work: (wh: Warehouse) => Promise<T>): Promise<T> {
  const wh = await Warehouse.open({ path: warehousePath(db) });
  try {
    return await work(wh);
  } finally {
    wh.close();
  }
}
