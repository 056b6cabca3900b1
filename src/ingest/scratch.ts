/**
 * Where a load stages each file's intermediate tables (typed_rows, raw_rows, reject_errors): a
 * scratch database attached in memory, written on a second connection that commits as it goes.
 * The load's own transaction only reads them, to write the warehouse tables.
 *
 * Why not temp tables in the load's transaction: DuckDB scans rows appended inside a running
 * transaction on one thread, and the same rows committed in parallel; the insert of 7.7M
 * activities from staging took twice as long. The warehouse stays all-or-nothing, since nothing
 * of the warehouse is written outside the load's transaction. An in-memory database leaves no
 * file behind on a failure or Ctrl-C; under the load's memory budget DuckDB spills it to its
 * temp directory like any other data.
 *
 * Each file gets a freshly attached database: the load's transaction sees a database's committed
 * tables as of the moment it first touches that database, so the file is staged completely before
 * the load reads any of it (`staged`). The database is detached after the file.
 */
import type { Warehouse } from '../db/connection.js';

export interface FileStage {
  /** the connection that builds the file's staging tables, its scratch database the default */
  stage: Warehouse;
  /** the scratch database's name, for a relation the load qualifies (`<name>.typed`) */
  database: string;
}

export class Scratch {
  private files = 0;
  private current?: string;

  private constructor(
    private readonly wh: Warehouse,
    private readonly stage: Warehouse,
    /** the stage connection's own database (DuckDB detaches only a database not in use) */
    private readonly home: string,
    private readonly searchPath: string,
  ) {}

  static async open(wh: Warehouse): Promise<Scratch> {
    const stage = await wh.sibling();
    const { home } = (await stage.one<{ home: string }>(`select current_database() as home`))!;
    const { path } = (await wh.one<{ path: string }>(`select current_setting('search_path') as path`))!;
    return new Scratch(wh, stage, home, path);
  }

  /** A fresh scratch database for one file: the stage connection creates its tables there. */
  async startFile(): Promise<FileStage> {
    await this.endFile();
    const database = `revops_scratch_${++this.files}`;
    await this.stage.run(`attach ':memory:' as ${database}; use ${database}`);
    this.current = database;
    return { stage: this.stage, database };
  }

  /**
   * Once the file is staged: the load's connection finds its tables by their plain names (after its
   * own temp tables and the warehouse's). Not before: from here on the load sees the scratch as it is now.
   */
  async staged(): Promise<void> {
    const { main } = (await this.wh.one<{ main: string }>(`select current_database() as main`))!;
    await this.wh.run(`set search_path = '${`${quoteIdentifier(main)}.main,${this.current}.main`.replaceAll("'", "''")}'`);
  }

  /** Detaches the current file's scratch database, and drops the load's temp tables over it. */
  async endFile(): Promise<void> {
    const database = this.current;
    if (!database) return;
    this.current = undefined;
    // a failed statement has aborted the load's transaction, whose rollback drops these anyway
    await this.wh
      .run(
        `drop view if exists temp.typed; drop table if exists temp.foreign_rejects; drop table if exists temp.raw_rows;
         drop table if exists temp.reject_errors; drop table if exists temp.reject_scans`,
      )
      .catch(() => undefined);
    await this.restoreSearchPath().catch(() => undefined);
    await this.stage.run(`use ${quoteIdentifier(this.home)}; detach ${database}`);
  }

  private async restoreSearchPath(): Promise<void> {
    await this.wh.run(this.searchPath === '' ? 'reset search_path' : `set search_path = '${this.searchPath.replaceAll("'", "''")}'`);
  }

  /** After the load's transaction: the scratch goes, and the load's connection reads the warehouse alone again. */
  async close(): Promise<void> {
    try {
      await this.endFile();
      await this.restoreSearchPath();
    } finally {
      this.stage.close();
    }
  }
}

/** A database name as SQL: DuckDB names a file's database after its stem (funnel-200000, o'neil). */
const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;
