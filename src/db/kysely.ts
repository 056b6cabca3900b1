/**
 * Kysely as a typed query compiler: metric code builds queries against `DB`, compiles them to
 * SQL with bound parameters, and the Warehouse runs them (Kysely's "splitting query building and
 * execution" recipe). kysely-duckdb supplies DuckDB's dialect; no connection is made here.
 */
import { type Compilable, type Dialect, DummyDriver, Kysely } from 'kysely';
import { DuckDbDialect } from 'kysely-duckdb';
import type { Warehouse } from './connection.js';
import type { DB } from './schema.js';

// kysely-duckdb's typings resolve Kysely's CommonJS build; the classes are the same at run time.
const dialect = new DuckDbDialect({ database: undefined as never, tableMappings: {} }) as unknown as Dialect;

export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  },
});

/** Runs a built query on the warehouse and returns its typed rows. */
export async function runQuery<T>(wh: Warehouse, query: Compilable<T>): Promise<T[]> {
  const compiled = query.compile();
  return wh.all<T>(compiled.sql, [...compiled.parameters]);
}
