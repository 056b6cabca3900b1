/**
 * What the models, metrics and reports need from a database, whichever engine runs it: DuckDB
 * (embedded, the default and the loader's engine, connection.ts) or a PostgreSQL-family server
 * (postgres.ts, over `pg`, or PGlite in-process for tests). Code outside src/db takes a
 * `Warehouse` (this interface) and never asks which engine it is.
 */
import type { Resources } from './runResources.js';

export type SqlParams = Record<string, unknown> | unknown[];

export type RelationKind = 'table' | 'view';

/**
 * The regular-expression syntax the engine reads: RE2 (DuckDB's `regexp_matches`) or PostgreSQL's
 * ARE (`~`). Code that binds a pattern as a parameter asks for it, to translate the pattern once
 * before binding (src/scoring/regexSubset.ts) rather than have the SQL rewrite it at run time.
 */
export type RegexDialect = 're2' | 'postgres';

export interface Engine {
  /** where the warehouse is: a DuckDB file (or ':memory:'), or a Postgres URL without its password */
  readonly path: string;
  /** the memory limit, threads and temp dir the user set for this run (DuckDB applies them) */
  readonly resources?: Resources;
  /** the syntax bound regex patterns must be written in */
  readonly regexDialect: RegexDialect;
  /** Run one or more statements; parameters bind to the last statement only (use `all` for reads). */
  run(sql: string, params?: SqlParams): Promise<void>;
  /** Run a query and return its rows as plain JS objects (cast counts to INTEGER in SQL). */
  all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  one<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined>;
  /** Run a file under sql/ statement by statement, naming the file and statement on failure. */
  runFile(relativePath: string): Promise<void>;
  runScript(text: string, label: string): Promise<void>;
  /** All-or-nothing: an error (or the process dying) leaves the database as it was. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** (Re)create `name` as a table or view of `select`, replacing whichever kind was there. */
  materialise(name: string, kind: RelationKind, select: string, options?: { temporary?: boolean; params?: SqlParams }): Promise<void>;
  /** Whether `name` exists in the warehouse's schema, and as what. */
  relationKind(name: string): Promise<RelationKind | undefined>;
  /** The columns of a table or view of the warehouse's schema, in order. */
  columns(name: string): Promise<{ name: string; type: string }[]>;
  /** The text of a model file under sql/: the engine's own version (sql/engines/<engine>/) when it has one. */
  modelSql(relativePath: string): Promise<string>;
  /**
   * A small CSV file the user names (a quota file) as the temp table `table`: `record_number` (1 for
   * the first row under the header) and its columns as text, c1…cn in the file's order. Returns the
   * header's names. DuckDB's CSV reader reads it on every engine (smallCsv.ts).
   */
  readSmallCsv(path: string, table: string): Promise<string[]>;
  /**
   * The rows of `select` (a CSV model, every cell text, calling neutralised_cell / number_cell:
   * sql/export/csv_cells.sql) as a CSV file at `path` on this machine: RFC 4180, a header, `\r\n`.
   * Written by the engine's own bulk path; the rows never pass through JavaScript.
   */
  writeCsv(select: string, path: string): Promise<void>;
  /** A second connection with its own transactions (the loader's scratch tables). */
  sibling(): Promise<Engine>;
  close(): void;
}
