/**
 * A file's sha256 decides whether it was loaded before, but hashing a large export in Node takes
 * seconds that DuckDB's read of the same file can cover. So the hash starts with the file, and the
 * load waits for it up front only when the file's name was loaded before (likely the same export
 * again, skipped before any parsing). Any other file is read and parsed meanwhile, into temporary
 * tables only, and looked up before anything of it is written to the warehouse.
 */
import { basename } from 'node:path';
import type { Warehouse } from '../db/connection.js';
import { sha256File } from './inspect.js';
import type { FileSummary } from './load.js';

export class ChecksumLookup {
  private result?: Promise<FileSummary | undefined>;

  private constructor(
    private readonly wh: Warehouse,
    private readonly path: string,
    /** the file's sha256 */
    readonly value: Promise<string>,
    /** whether to look up before reading the file: its name was loaded before */
    readonly first: boolean,
  ) {}

  /** Starts hashing `path`; the hash is awaited by the lookup, or abandoned when the file fails first. */
  static async start(wh: Warehouse, path: string): Promise<ChecksumLookup> {
    const value = sha256File(path);
    value.catch(() => undefined); // the lookup reports it; an earlier failure of the file is the error to report
    const seen = await wh.one<{ seen: boolean }>(`select exists (select 1 from load_runs where file_name = $name) as seen`, { name: basename(path) });
    return new ChecksumLookup(wh, path, value, seen!.seen);
  }

  get done(): boolean {
    return this.result !== undefined;
  }

  /** The file's summary as skipped when the same bytes were loaded before (looked up once). */
  alreadyLoaded(): Promise<FileSummary | undefined> {
    this.result ??= this.lookup();
    return this.result;
  }

  private async lookup(): Promise<FileSummary | undefined> {
    const previous = await this.wh.one<{ load_id: number; rows_read: number; detected_crm: string; object: string; variant: string; encoding: string }>(
      `select load_id, rows_read, detected_crm, object, variant, encoding from load_runs where checksum = $checksum order by load_id limit 1`,
      { checksum: await this.value },
    );
    if (!previous) return undefined;
    return {
      path: this.path, detected: previous.detected_crm, object: previous.object, variant: previous.variant,
      read: previous.rows_read, loaded: 0, rejected: 0, duplicates: previous.rows_read, encoding: previous.encoding,
      skipped: `already loaded (load ${previous.load_id}, same checksum)`,
    };
  }
}
