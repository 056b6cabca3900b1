/**
 * The warehouse on a PostgreSQL-family database: a server over `pg` (`--db
 * postgres://user@host/db?schema=revops`), or PGlite (PostgreSQL in WASM, in this process) for
 * tests. The schema named in the URL holds the canonical tables (copied there by
 * `load`, pgCopy.ts) and the models; sql/engines/postgres/compat.sql installs there on connect the
 * functions named like the DuckDB ones the models call.
 */
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Engine, RelationKind, SqlParams } from './engine.js';
import { csvListOptions, postgresCsvRead, sqlText } from './csvList.js';
import { CsvCopyIn, CsvCopyOut } from './pgCopyIn.js';
import { engineModelSql } from './engineFiles.js';
import { bindPostgres, splitStatements } from './pgParams.js';

/** The little of a client both `pg` and PGlite offer. */
export interface PgClient {
  query(text: string, values: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** several statements, no parameters */
  exec(text: string): Promise<void>;
  /** `copy <table> (<columns>)` from a CSV file (DuckDB's: no header, empty = null, "" = empty) */
  copyCsv(copy: string, file: string): Promise<void>;
  /** `copy (<query>)` into a CSV file (PostgreSQL's: empty = null, "" = empty), with or without a header */
  copyOutCsv(copy: string, file: string, header: boolean): Promise<void>;
  close(): Promise<void>;
}

const identifier = /^[a-z_][a-z0-9_]*$/;
// the name plain or double-quoted (a quoted lowercase name is the same name)
const replaceStatement =
  /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*create\s+or\s+replace\s+(temp\s+|temporary\s+)?(table|view)\s+("?)([a-z_][a-z0-9_]*)\3(\s+as\s)?/i;

/** Postgres names a failing query's position: the message quotes its line, so a model's failure can be found. */
function located(error: unknown, sql: string): unknown {
  const position = Number((error as { position?: string }).position);
  if (!(error instanceof Error) || !position) return error;
  const start = sql.lastIndexOf('\n', position - 1) + 1;
  const end = sql.indexOf('\n', position - 1);
  const line = sql.slice(start, end === -1 ? undefined : end).trim();
  return new Error(`${error.message} (at: ${line})`, { cause: error });
}

export class PostgresWarehouse implements Engine {
  readonly regexDialect = 'postgres';
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: PgClient,
    readonly path: string,
    readonly schema: string,
  ) {}

  /** A server: the URL's `schema` parameter (default revops) is created when missing. */
  static async connect(url: string): Promise<PostgresWarehouse> {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? 'revops';
    parsed.searchParams.delete('schema');
    const { default: pg } = await import('pg');
    // numeric and bigint as numbers, as the DuckDB side casts them; instants as Date
    pg.types.setTypeParser(1700, Number);
    pg.types.setTypeParser(20, Number);
    const client = new pg.Client({ connectionString: parsed.toString() });
    await client.connect();
    const wrapped: PgClient = {
      query: async (text, values) => client.query(text, values),
      exec: async (text) => void (await client.query(text)),
      copyCsv: (copy, file) => {
        const copyIn = new CsvCopyIn(`${copy} from stdin with (format csv)`, file);
        // a submittable: pg hands it the connection (pg's type wants its own Connection class)
        client.query(copyIn as unknown as import('pg').Submittable);
        return copyIn.done;
      },
      copyOutCsv: (copy, file, header) => {
        const copyOut = new CsvCopyOut(`${copy} to stdout with (format csv${header ? ', header' : ''})`, file);
        client.query(copyOut as unknown as import('pg').Submittable);
        return copyOut.done;
      },
      close: () => client.end(),
    };
    parsed.password = '';
    return PostgresWarehouse.start(wrapped, parsed.toString(), schema);
  }

  /** PGlite in this process (tests), a fresh database. */
  static async pglite(schema = 'revops'): Promise<PostgresWarehouse> {
    const { PGlite, types } = await import('@electric-sql/pglite');
    const db = await PGlite.create({ parsers: { [types.NUMERIC]: Number, [types.INT8]: Number } });
    const wrapped: PgClient = {
      query: (text, values) => db.query(text, values) as Promise<{ rows: Record<string, unknown>[] }>,
      exec: async (text) => void (await db.exec(text)),
      copyCsv: async (copy, file) => void (await db.query(`${copy} from '/dev/blob' with (format csv)`, [], { blob: await openAsBlob(file) })),
      copyOutCsv: async (copy, file, header) => {
        const { blob } = await db.query(`${copy} to '/dev/blob' with (format csv${header ? ', header' : ''})`);
        await writeFile(file, blob ? Buffer.from(await blob.arrayBuffer()) : '');
      },
      close: () => db.close(),
    };
    return PostgresWarehouse.start(wrapped, 'pglite://memory', schema);
  }

  private static async start(client: PgClient, path: string, schema: string): Promise<PostgresWarehouse> {
    if (!identifier.test(schema)) throw new Error(`not a schema name: ${schema}`);
    const wh = new PostgresWarehouse(client, path, schema);
    // Deterministic output, as on DuckDB: every timestamp is rendered and truncated in UTC.
    await client.exec(`set timezone = 'UTC'; create schema if not exists ${schema}; set search_path = ${schema}, pg_catalog, public`);
    await wh.runFile('engines/postgres/compat.sql');
    return wh;
  }

  async run(sql: string, params?: SqlParams): Promise<void> {
    const replaced = replaceStatement.exec(sql);
    if (replaced) return this.replaceRelation(replaced, sql, params);
    if (!params || (Array.isArray(params) && params.length === 0)) return this.client.exec(sql).catch((error) => Promise.reject(located(error, sql)));
    const { text, values } = bindPostgres(sql, params);
    await this.client.query(text, values).catch((error) => Promise.reject(located(error, text)));
  }

  async all<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]> {
    const { text, values } = bindPostgres(sql, params);
    const result = await this.client.query(text, values).catch((error) => Promise.reject(located(error, text)));
    return result.rows as T[];
  }

  async one<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async runFile(relativePath: string): Promise<void> {
    await this.runScript(await this.modelSql(relativePath), relativePath);
  }

  async runScript(text: string, label: string): Promise<void> {
    const statements = splitStatements(text);
    for (const [i, statement] of statements.entries()) {
      try {
        await this.run(statement);
      } catch (error) {
        throw new Error(`${label}, statement ${i + 1}: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  /** The query's rows into a CSV file, by COPY: no value passes through JS (pgLoad.ts reads it into DuckDB). */
  async copyQueryToCsv(query: string, file: string, header = false): Promise<void> {
    await this.client.copyOutCsv(`copy (\n${query}\n)`, file, header);
  }

  /**
   * The server's CSV (COPY TO STDOUT, into a file here) written again by DuckDB in memory, so the
   * file is byte for byte what the DuckDB engine writes: every cell of the CSV models is text, and
   * DuckDB's writer quotes and ends lines (\r\n) its own way. Nothing is written on the server's disk.
   */
  async writeCsv(select: string, path: string): Promise<void> {
    const { DuckDbWarehouse } = await import('./connection.js');
    const dir = await mkdtemp(join(tmpdir(), 'revops-pg-csv-'));
    const duck = await DuckDbWarehouse.open({ path: ':memory:', skipSchema: true });
    try {
      const file = join(dir, 'rows.csv');
      await this.copyQueryToCsv(select, file, true);
      await duck.run(
        `copy (select * from read_csv(${sqlText(file)}, header = true, all_varchar = true, ${postgresCsvRead}))
         to ${sqlText(path)} ${csvListOptions}`,
      );
    } finally {
      duck.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Appends the rows of a CSV file DuckDB wrote (`COPY … TO … (format csv)`) to `table`, in its columns' order. */

  async copyCsv(table: string, columns: string[], file: string): Promise<void> {
    if (![table, ...columns].every((name) => identifier.test(name))) throw new Error(`not a table or column name: ${[table, ...columns].join(', ')}`);
    await this.client.copyCsv(`copy ${table} (${columns.join(', ')})`, file);
  }

  async transaction<T>(work: () => Promise<T>): Promise<T> {
    await this.client.exec('begin');
    try {
      const result = await work();
      await this.client.exec('commit');
      return result;
    } catch (error) {
      await this.client.exec('rollback').catch(() => undefined);
      throw error;
    }
  }

  async materialise(name: string, kind: RelationKind, select: string, options: { temporary?: boolean; params?: SqlParams } = {}): Promise<void> {
    if (!identifier.test(name)) throw new Error(`not a model name: ${name}`);
    // Postgres has no CREATE OR REPLACE TABLE, and a view's columns cannot change under
    // CREATE OR REPLACE VIEW: drop whichever kind is there (its dependants are rebuilt after it).
    const existing = options.temporary ? await this.temporaryKind(name) : await this.relationKind(name);
    if (existing) await this.client.exec(`drop ${existing} if exists ${options.temporary ? 'pg_temp.' : ''}${name} cascade`);
    await this.run(`create ${options.temporary ? 'temp ' : ''}${kind} ${name} as\n${select}`, options.params);
    // A new table has no statistics until autovacuum analyses it, and a temporary one never: the
    // next model's joins would be planned on guesses (DuckDB keeps its statistics as it writes).
    if (kind === 'table') await this.client.exec(`analyze ${options.temporary ? 'pg_temp.' : ''}${name}`);
  }

  /** DuckDB's CREATE OR REPLACE [TEMP] TABLE/VIEW, which PostgreSQL has only for views of the same columns. */
  private async replaceRelation(match: RegExpExecArray, sql: string, params?: SqlParams): Promise<void> {
    const [whole, temp, kind, , name, as] = match as unknown as [string, string | undefined, RelationKind, string, string, string | undefined];
    const temporary = temp !== undefined;
    if (as) return this.materialise(name, kind, sql.slice(whole.length), { temporary, params });
    const existing = temporary ? await this.temporaryKind(name) : await this.relationKind(name);
    if (existing) await this.client.exec(`drop ${existing} if exists ${temporary ? 'pg_temp.' : ''}${name} cascade`);
    await this.run(
      sql.replace(/^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*create\s+or\s+replace\s+(temp\s+|temporary\s+)?/i, temporary ? 'create temp ' : 'create '),
      params,
    );
  }

  private async temporaryKind(name: string): Promise<RelationKind | undefined> {
    const row = await this.one<{ kind: string }>(
      `select c.relkind::text as kind from pg_class c where c.relname = $1 and c.relnamespace = pg_my_temp_schema()`,
      [name],
    );
    return row ? (row.kind === 'v' ? 'view' : 'table') : undefined;
  }

  async relationKind(name: string): Promise<RelationKind | undefined> {
    const row = await this.one<{ type: string }>(`select table_type as type from information_schema.tables where table_schema = $1 and table_name = $2`, [
      this.schema,
      name,
    ]);
    return row ? (row.type === 'VIEW' ? 'view' : 'table') : undefined;
  }

  async columns(name: string): Promise<{ name: string; type: string }[]> {
    return this.all(
      `select column_name as name, data_type as type from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position`,
      [this.schema, name],
    );
  }

  modelSql(relativePath: string): Promise<string> {
    return engineModelSql('postgres', relativePath);
  }

  /**
   * Read by DuckDB in memory, as on DuckDB (smallCsv.ts), then sent here as the canonical tables
   * are (pgCopy.ts): DuckDB writes the rows as CSV, COPY reads them; no value passes through JS.
   */
  async readSmallCsv(path: string, table: string): Promise<string[]> {
    const [{ DuckDbWarehouse }, { readSmallCsvOnDuckDb }] = await Promise.all([import('./connection.js'), import('./smallCsv.js')]);
    const duck = await DuckDbWarehouse.open({ path: ':memory:', skipSchema: true });
    const dir = await mkdtemp(join(tmpdir(), 'revops-small-csv-'));
    try {
      const names = await readSmallCsvOnDuckDb(duck, path, table);
      const fields = names.map((_, i) => `c${i + 1}`);
      const file = join(dir, 'rows.csv');
      // every field quoted, so an empty string stays one and an empty field is a null, as COPY reads them
      const quoted = fields.length ? `, force_quote (${fields.join(', ')})` : '';
      await duck.run(
        `copy (select ${['record_number', ...fields].join(', ')} from ${table} order by record_number) to ${sqlText(file)} (format csv, header false${quoted})`,
      );
      await this.run(`drop table if exists ${table}`);
      await this.run(`create temp table ${table} (record_number int8${fields.map((f) => `, ${f} text`).join('')})`);
      await this.copyCsv(table, ['record_number', ...fields], file);
      return names;
    } finally {
      duck.close();
      await rm(dir, { recursive: true, force: true });
    }
  }

  async sibling(): Promise<Engine> {
    throw new Error('the loader runs on DuckDB: load into Postgres with `load --engine postgres`, which copies the loaded tables');
  }

  close(): void {
    this.closing ??= this.client.close();
  }

  /** For callers that must wait for the connection to end (tests, the CLI before exit). */
  async closed(): Promise<void> {
    this.close();
    await this.closing;
  }
}
