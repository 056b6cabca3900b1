/** The sample data loaded with DuckDB, and the same tables copied into PGlite: the parity tests' two warehouses. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.js';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { copyWarehouse } from '../../src/db/pgCopy.js';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { loadFiles } from '../../src/ingest/load.js';
import { packageRoot } from '../../src/paths.js';

export const sampleAsOf = '2026-11-01T00:00:00Z';
export const sampleConfig = () => parseConfig({ timezone: 'America/New_York' });

/** A PostgreSQL-family engine to compare with DuckDB: PGlite in this process, or a server in a schema of its own. */
export interface PostgresTarget {
  name: string;
  open(): Promise<PostgresWarehouse>;
  /** drops what the test made (a server's schema); PGlite's database goes with the process */
  cleanUp(pg: PostgresWarehouse): Promise<void>;
}

export const pgliteTarget: PostgresTarget = { name: 'PGlite', open: () => PostgresWarehouse.pglite(), cleanUp: async () => undefined };

/** The server at `url` (REVOPS_TEST_PG_URL), in a fresh schema dropped afterwards. */
export function serverTarget(url: string): PostgresTarget {
  const schema = `revops_parity_${randomBytes(6).toString('hex')}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', schema);
  return {
    name: 'a PostgreSQL server',
    open: () => PostgresWarehouse.connect(withSchema.toString()),
    cleanUp: (pg) => pg.run(`drop schema if exists ${schema} cascade`),
  };
}

export async function sampleOnBothEngines(target: PostgresTarget = pgliteTarget): Promise<{ duck: DuckDbWarehouse; pg: PostgresWarehouse }> {
  const duck = await DuckDbWarehouse.open({ path: ':memory:' });
  await loadFiles(duck, sampleConfig(), { paths: [join(packageRoot, 'sample-data')], crm: 'auto', snapshotAt: new Date(sampleAsOf) });
  const pg = await target.open();
  await copyWarehouse(duck, pg);
  return { duck, pg };
}
