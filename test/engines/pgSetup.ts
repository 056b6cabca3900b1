/** The sample data loaded with DuckDB, and the same tables copied into PGlite: the parity tests' two warehouses. */
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { copyWarehouse } from '../../src/db/pgCopy.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { loadFiles } from '../../src/ingest/load.js';
import { packageRoot } from '../../src/paths.js';

export const sampleAsOf = '2026-11-01T00:00:00Z';
export const sampleConfig = () => parseConfig({ timezone: 'America/New_York' });

export async function sampleOnBothEngines(): Promise<{ duck: DuckDbWarehouse; pg: PostgresWarehouse }> {
  const duck = await DuckDbWarehouse.open({ path: ':memory:' });
  await loadFiles(duck, sampleConfig(), { paths: [join(packageRoot, 'sample-data')], crm: 'auto', snapshotAt: new Date(sampleAsOf) });
  const pg = await PostgresWarehouse.pglite();
  await copyWarehouse(duck, pg);
  return { duck, pg };
}
