/**
 * The only module that talks to @duckdb/node-api: open a warehouse, run SQL and model files,
 * read typed rows, run a transaction. Everything else takes a `Warehouse`.
 */
import { csvListOptions, sqlText } from './csvList.js';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  BOOLEAN,
  DOUBLE,
  DuckDBInstance,
  LIST,
  listValue,
  TIMESTAMPTZ,
  timestampTZValue,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { sqlPath } from '../paths.js';
import { QueryInterrupted, unwatchConnection, watchConnection, watched, wasInterrupted } from './queryProgress.js';
import type { Engine, RelationKind, SqlParams } from './engine.js';
import { duckDbCatalog, engineModelSql } from './engineFiles.js';
import { duckdbResourceConfig, type Resources, runResources } from './runResources.js';
import { readSmallCsvOnDuckDb } from './smallCsv.js';

export type { SqlParams } from './engine.js';

export interface OpenOptions {
  /** ':memory:' or a file path */
  path: string;
  /** memory limit, threads, temp directory: each one given wins over the run's (runResources.ts) */
  memoryLimit?: string;
  threads?: number;
  tempDir?: string;
  readOnly?: boolean;
  /** open as is, without creating the warehouse tables (benchmarks' plain-DuckDB floors) */
  skipSchema?: boolean;
}

/** Plain JS values to DuckDB values: arrays become lists, Dates become TIMESTAMPTZ. */
function toDuckValue(value: unknown): DuckDBValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return timestampTZValue(BigInt(value.getTime()) * 1000n);
  if (Array.isArray(value)) return listValue(value.map(toDuckValue));
  return value as DuckDBValue;
}

function toDuckParams(params?: SqlParams): Record<string, DuckDBValue> | DuckDBValue[] | undefined {
  if (!params) return undefined;
  if (Array.isArray(params)) return params.map(toDuckValue);
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, toDuckValue(v)]));
}

/** A list's element type from its first non-null item: inference from a leading null loses it. */
function listType(items: unknown[]): DuckDBType | undefined {
  const sample = items.find((item) => item !== null && item !== undefined);
  if (typeof sample === 'string') return LIST(VARCHAR);
  if (typeof sample === 'number') return LIST(DOUBLE);
  if (typeof sample === 'boolean') return LIST(BOOLEAN);
  if (sample instanceof Date) return LIST(TIMESTAMPTZ);
  return undefined;
}

function paramTypes(params?: SqlParams): Record<string, DuckDBType | undefined> | (DuckDBType | undefined)[] | undefined {
  if (!params) return undefined;
  const typeOf = (v: unknown) => (Array.isArray(v) ? listType(v) : undefined);
  if (Array.isArray(params)) return params.some(Array.isArray) ? params.map(typeOf) : undefined;
  const entries = Object.entries(params).filter(([, v]) => Array.isArray(v));
  return entries.length ? Object.fromEntries(entries.map(([k, v]) => [k, typeOf(v)])) : undefined;
}

export class DuckDbWarehouse implements Engine {
  readonly regexDialect = 're2';

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
    /** the settings the instance was opened with; an absent one is DuckDB's default */
    readonly resources: Resources,
    /** false for a sibling connection: closing it leaves the instance open */
    private readonly ownsInstance = true,
  ) {}

  static async open(options: OpenOptions): Promise<DuckDbWarehouse> {
    const run = runResources();
    const resources: Resources = {
      memoryLimit: options.memoryLimit ?? run.memoryLimit,
      threads: options.threads ?? run.threads,
      tempDir: options.tempDir ?? run.tempDir,
    };
    // DuckDB creates the temp directory when it first spills, but not the folders above it
    if (resources.tempDir) await mkdir(dirname(resources.tempDir), { recursive: true });
    const config = duckdbResourceConfig(resources);
    if (options.readOnly) config.access_mode = 'READ_ONLY';
    const instance = await DuckDBInstance.create(options.path, config);
    const connection = await instance.connect();
    const warehouse = new DuckDbWarehouse(instance, connection, options.path, resources);
    // Deterministic output: every timestamp is rendered and truncated in UTC.
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run(await portableFunctions());
    await watchConnection(connection);
    if (!options.readOnly && !options.skipSchema) await warehouse.runFile('warehouse/warehouse.sql');
    return warehouse;
  }

  /** Run one or more statements; parameters bind to the last statement only (use `all` for reads). */
  async run(sql: string, params?: SqlParams): Promise<void> {
    await watched(this.connection, () => this.connection.run(sql, toDuckParams(params), paramTypes(params) as never));
  }

  /** Run a query and return its rows as plain JS objects (BIGINT becomes bigint: cast in SQL). */
  async all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    const reader = await watched(this.connection, () => this.connection.runAndReadAll(sql, toDuckParams(params), paramTypes(params) as never));
    return reader.getRowObjectsJS() as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /** The rows of `select` as a CSV file at `path` (csvList.ts), by DuckDB's COPY, with the cell macros the CSV models call. */
  async writeCsv(select: string, path: string): Promise<void> {
    await this.runFile('export/csv_cells.sql');
    await this.run(`copy (\n${select}\n) to ${sqlText(path)} ${csvListOptions}`);
  }

  /** Run a file under sql/ statement by statement, naming the file and statement on failure. */
  async runFile(relativePath: string): Promise<void> {
    const text = await readFile(sqlPath(relativePath), 'utf8');
    await this.runScript(text, relativePath);
  }

  async runScript(text: string, label: string): Promise<void> {
    const statements = await this.connection.extractStatements(text);
    for (let i = 0; i < statements.count; i++) {
      try {
        const prepared = await statements.prepare(i);
        try {
          await watched(this.connection, () => prepared.run());
        } finally {
          // a prepared statement keeps its last run's operator state (a join's hash table) until
          // destroyed, and garbage collection comes late: under a small memory limit that
          // held memory is missing from the next query
          prepared.destroySync();
        }
      } catch (error) {
        throw new Error(`${label}, statement ${i + 1}: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  /** All-or-nothing: an error (or the process dying) leaves the database as it was. */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const result = await work();
      // Ctrl-C after the last query of the work: nothing of it is committed
      if (wasInterrupted()) throw new QueryInterrupted();
      await this.connection.run('COMMIT');
      return result;
    } catch (error) {
      // A failed COMMIT (a full disk) has already ended the transaction, and ROLLBACK then fails
      // with "no transaction is active": the error that explains it is the first one.
      await this.connection.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * A second connection to the same database, with its own transactions: work committed on it (a
   * load's scratch tables, ingest/scratch.ts) is visible to this connection's open transaction
   * from the first time that transaction touches it.
   */
  async sibling(): Promise<DuckDbWarehouse> {
    const connection = await this.instance.connect();
    await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run(await portableFunctions());
    await watchConnection(connection);
    return new DuckDbWarehouse(this.instance, connection, this.path, this.resources, false);
  }

  close(): void {
    unwatchConnection(this.connection);
    this.connection.closeSync();
    if (this.ownsInstance) this.instance.closeSync();
  }

  async materialise(name: string, kind: RelationKind, select: string, options: { temporary?: boolean; params?: SqlParams } = {}): Promise<void> {
    // a relation of the other kind (a model that changed kind between versions) goes first
    const existing = options.temporary ? await duckDbCatalog.temporaryKind(this, name) : await this.relationKind(name);
    if (existing && existing !== kind) await this.run(`drop ${existing} ${name}`);
    await this.run(`create or replace ${options.temporary ? 'temp ' : ''}${kind} ${name} as\n${select}`, options.params);
  }

  relationKind = (name: string) => duckDbCatalog.relationKind(this, name);
  columns = (name: string) => duckDbCatalog.columns(this, name);
  modelSql = (relativePath: string) => engineModelSql('duckdb', relativePath);
  readSmallCsv = (path: string, table: string) => readSmallCsvOnDuckDb(this, path, table);
}

/**
 * Every command and model takes a `Warehouse`: the engine interface (engine.ts). `Warehouse.open`
 * opens DuckDB at a path, or a PostgreSQL-family database when the path is a postgres:// URL.
 */
let portableFunctionsSql: Promise<string> | undefined;
/** try_double, try_date, try_timestamptz as on PostgreSQL (sql/engines/duckdb/compat.sql), made per connection. */
const portableFunctions = () => (portableFunctionsSql ??= readFile(sqlPath('engines/duckdb/compat.sql'), 'utf8'));

export type Warehouse = Engine;
export const Warehouse = {
  async open(options: OpenOptions): Promise<Warehouse> {
    if (isPostgresUrl(options.path)) return (await import('./postgres.js')).PostgresWarehouse.connect(options.path);
    return DuckDbWarehouse.open(options);
  },
};

export const isPostgresUrl = (path: string) => /^postgres(ql)?:\/\//i.test(path);
