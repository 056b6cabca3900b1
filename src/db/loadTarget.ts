/** The warehouse the loader writes into: DuckDB itself, or DuckDB on the way to PostgreSQL (pgLoad.ts). */
import type { Engine } from './engine.js';
import { PostgresWarehouse } from './postgres.js';

export async function loadInto<T>(wh: Engine, work: (wh: Engine) => Promise<T>): Promise<T> {
  if (!(wh instanceof PostgresWarehouse)) return work(wh);
  const { loadViaDuckDb } = await import('./pgLoad.js');
  return loadViaDuckDb(wh, work);
}
