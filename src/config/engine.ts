/**
 * Which engine a command's warehouse runs on. The `--db` value decides it (a postgres:// URL is
 * PostgreSQL, anything else a DuckDB file), and `--engine` (else $REVOPS_ENGINE, else the config's
 * "engine") only states it: one that disagrees with the warehouse is a usage error naming both,
 * so a mistyped URL never quietly becomes a new DuckDB file, nor a file a connection attempt.
 */
import { isPostgresUrl } from '../db/connection.js';
import type { EngineName } from '../db/engineFiles.js';
import { usageError } from '../errors.js';

export const engineNames = ['duckdb', 'postgres'] as const satisfies readonly EngineName[];

/** Where the engine and the warehouse were given, as the CLI hands them over (unparsed). */
export interface EngineSources {
  option?: string;
  env: NodeJS.ProcessEnv;
  config?: EngineName;
  /** --db as given (undefined: $REVOPS_DB, else ./revops.duckdb) */
  db?: string;
}

/** A URL as it may be shown: without its password. */
function shown(path: string): string {
  if (!isPostgresUrl(path)) return path;
  try {
    const url = new URL(path);
    if (url.password) url.password = '';
    return url.toString();
  } catch {
    return path;
  }
}

/** The engine the warehouse runs on; a stated engine that disagrees with it is a usage error. */
export function resolveEngine({ option, env, config, db }: EngineSources): EngineName {
  const envEngine = env.REVOPS_ENGINE?.trim();
  const stated =
    option !== undefined
      ? { value: option, source: '--engine' }
      : envEngine
        ? { value: envEngine, source: '$REVOPS_ENGINE' }
        : config
          ? { value: config, source: 'config "engine"' }
          : undefined;
  const path = db ?? env.REVOPS_DB ?? 'revops.duckdb';
  const where = db !== undefined ? `--db ${shown(path)}` : env.REVOPS_DB ? `$REVOPS_DB ${shown(path)}` : `the default warehouse ${path}`;
  const actual: EngineName = isPostgresUrl(path) ? 'postgres' : 'duckdb';
  if (!stated) return actual;
  if (!(engineNames as readonly string[]).includes(stated.value)) {
    throw usageError(`${stated.source} must be duckdb or postgres, not "${stated.value}"`);
  }
  if (stated.value === actual) return actual;
  throw usageError(
    stated.value === 'postgres'
      ? `${stated.source} postgres, but ${where} is a DuckDB file: give --db a PostgreSQL URL (postgres://user@host/db?schema=revops), or leave the engine out`
      : `${stated.source} duckdb, but ${where} is a PostgreSQL URL: give --db a DuckDB file (revops.duckdb), or leave the engine out`,
  );
}
