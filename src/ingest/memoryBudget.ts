/**
 * A load keeps every file in one transaction (all or nothing), and DuckDB holds what it appended
 * until the commit, while its default memory limit is 80% of the machine. Left alone, a load of
 * 1M leads grows past 4 GB. Under a budget DuckDB spills to its temp directory instead, for a few
 * per cent of time. The budget applies only while the load runs; a lower limit is kept, and a
 * limit the user set (--memory-limit, $REVOPS_MEMORY_LIMIT, the config) is the load's limit as it
 * is: the budget never raises it, nor lowers what the user chose for the machine.
 */
import { DuckDbWarehouse, type Warehouse } from '../db/connection.js';
import { withSetting } from '../db/settings.js';

export const loadMemoryBudgetBytes = 1280 * 2 ** 20;

const units: Record<string, number> = {
  bytes: 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** DuckDB's rendering of a size setting ('18.3 GiB', '1.5 GB', '1024 bytes') in bytes; NaN if unknown. */
export function sizeBytes(setting: string): number {
  const match = /^\s*([\d.]+)\s*([a-z]+)?\s*$/i.exec(setting);
  if (!match) return Number.NaN;
  const unit = units[(match[2] ?? 'bytes').toLowerCase()];
  return unit === undefined ? Number.NaN : Number(match[1]) * unit;
}

export async function withMemoryBudget<T>(wh: Warehouse, budgetBytes: number, work: () => Promise<T>): Promise<T> {
  // PostgreSQL's memory is the server's: nothing to budget in this process
  if (!(wh instanceof DuckDbWarehouse) || wh.resources?.memoryLimit) return work();
  const current = sizeBytes((await wh.one<{ limit: string }>(`select current_setting('memory_limit') as "limit"`))!.limit);
  if (!(current > budgetBytes)) return work();
  return withSetting(wh, 'memory_limit', `${Math.floor(budgetBytes / 2 ** 20)}MiB`, work);
}
