/** The sample data loaded with DuckDB, and the same tables copied into PGlite: the parity tests' two warehouses. */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { DuckDbWarehouse } from '../../src/db/connection.js';
import { canonicalTables, copyWarehouse } from '../../src/db/pgCopy.js';
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
  /** run on the copy before the models are built (a linguistic collation, say) */
  afterCopy?(pg: PostgresWarehouse): Promise<void>;
}

export const pgliteTarget: PostgresTarget = { name: 'PGlite', open: () => PostgresWarehouse.pglite(), cleanUp: async () => undefined };

/** Every text column of the copied tables under ICU's root collation, as in a database created with a linguistic locale (en-US, say). */
export async function linguisticCollation(pg: PostgresWarehouse): Promise<void> {
  for (const table of canonicalTables) {
    for (const column of await pg.columns(table)) {
      if (column.type !== 'text' && column.type !== 'character varying') continue;
      await pg.run(`alter table ${table} alter column ${column.name} type ${column.type === 'text' ? 'text' : 'varchar'} collate "und-x-icu"`);
    }
  }
}

/** PGlite with every text column under ICU's root collation: 'a1' sorts before 'B1' there, after it in DuckDB's byte order. */
export const pgliteLinguisticTarget: PostgresTarget = { ...pgliteTarget, name: 'PGlite, text under a linguistic collation', afterCopy: linguisticCollation };

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
  await target.afterCopy?.(pg);
  return { duck, pg };
}

/**
 * The two warehouses of a describe block's tests, made before them (the DuckDB one's tables copied
 * into PostgreSQL when `copy`) and closed after; read `engines.duck` / `engines.pg` inside a test.
 */
export function bothEngines(
  makeDuck: () => Promise<DuckDbWarehouse>,
  openPg: () => Promise<PostgresWarehouse>,
  options: { copy?: boolean; cleanUp?: (pg: PostgresWarehouse) => Promise<void> } = {},
): { readonly duck: DuckDbWarehouse; readonly pg: PostgresWarehouse } {
  const engines = {} as { duck: DuckDbWarehouse; pg: PostgresWarehouse };
  beforeAll(async () => {
    engines.duck = await makeDuck();
    engines.pg = await openPg();
    if (options.copy) await copyWarehouse(engines.duck, engines.pg);
  }, 120_000);
  afterAll(async () => {
    engines.duck?.close();
    if (engines.pg && options.cleanUp) await options.cleanUp(engines.pg);
    await engines.pg?.closed();
  });
  return engines;
}
