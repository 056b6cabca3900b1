/**
 * The end of `load`: the lifecycle models are brought up to date, so the first report after a
 * load answers as fast as a warm one.
 *
 * Right after the load's commit, in the model build's own transaction, not inside the load's:
 * - a model build that fails (a config the models reject, a full disk) must not take the loaded
 *   data with it: the files are committed and marked loaded, the failure is a warning;
 * - its transaction rolls back whole, so model_state keeps the key of the previous build, which
 *   names an older load: the marts are never marked fresh for data they were not built from, and
 *   the next report builds them again (and says why if it fails again);
 * - Ctrl-C during it leaves the load committed and the models as they were (stale, rebuilt later).
 * It runs under the load's memory budget (src/ingest/memoryBudget.ts), which a limit the user set replaces.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { wasInterrupted } from '../interrupt.js';
import { loadMemoryBudgetBytes, withMemoryBudget } from '../ingest/memoryBudget.js';
import { buildModels } from '../models/build.js';
import { timed } from '../timing.js';

/** What Ctrl-C after the load's commit leaves behind (src/interrupt.ts says it). */
export const loadCommittedNote = 'the load is committed; the lifecycle models were left as they were, and the next report builds them';

/** Seconds spent (about 0 when the models already were up to date); a failure becomes one of `warnings`. */
export async function bringModelsUpToDate(
  wh: Warehouse,
  config: Config,
  warnings: string[],
  build: (wh: Warehouse, config: Config) => Promise<unknown> = buildModels,
): Promise<{ modelsSeconds: number }> {
  const started = performance.now();
  try {
    // under the load's budget: left at DuckDB's default the build peaks past the load's 2 GB (issue 10)
    await timed(
      'models',
      withMemoryBudget(wh, loadMemoryBudgetBytes, () => build(wh, config)),
    );
  } catch (error) {
    if (wasInterrupted()) throw error;
    warnings.push(
      // DuckDB's first line says it; the rest (a caret under the SQL) is for the report's own error
      `the lifecycle models could not be brought up to date (${(error as Error).message.split('\n')[0]}); the load is committed, and the next report builds them again`,
    );
  }
  return { modelsSeconds: Math.round((performance.now() - started) / 10) / 100 };
}
