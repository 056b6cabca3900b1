/**
 * `revops-report load`: every file in one transaction. Per file: inspect, detect the format,
 * read into DuckDB, parse and check rows, merge, and record the load run with its rejected rows.
 * An error in any file rolls the whole load back, so the warehouse is never half-loaded.
 */
import { basename } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { UserError } from '../errors.js';
import { unknownStageValues } from '../models/stageAliases.js';
import { resolveColumns } from './columns.js';
import { unlistedClosedDealStages } from './dealStageWarnings.js';
import { assertRejectRates, defaultMaxRejectRate, rolledBackError } from './loadChecks.js';
import { expandLoadInputs } from './loadInputs.js';
import { detectFormat } from './formats/index.js';
import type { Crm, FormatSpec } from './formats/types.js';
import { ChecksumLookup } from './checksumAhead.js';
import { inspectHead } from './inspect.js';
import { loadMemoryBudgetBytes, withMemoryBudget } from './memoryBudget.js';
import { linkActivityLeads, mergeStaged } from './merge.js';
import { recordRejects } from './rejects.js';
import { snapshotTime } from './snapshotTime.js';
import { assertColumns, CsvReadError, dropRejectTables, dropStagedRows, emitCanonicalRows, emitDirectly } from './stageFile.js';
import { buildTyped, dropTyped } from './typed.js';
import type { DateOrder } from './timestamps.js';
import { timed } from '../timing.js';
import { utf8Copy } from './transcode.js';

export interface LoadOptions {
  paths: string[];
  crm: Crm | 'auto';
  timezone?: string;
  dateOrder?: DateOrder;
  snapshotAt?: Date;
  /** a format spec built from a --mapping file, used for every file */
  mapping?: FormatSpec;
  onFile?: (path: string, index: number, total: number) => void;
  /** a file with more than this share of its rows rejected fails the load, exit 3 (default 0.5) */
  maxRejectRate?: number;
  /** files no known format matches are skipped and listed instead of failing the load; `false`
   *  (not left out) where the caller offers no such choice, so errors do not suggest it */
  skipUnknown?: boolean;
  /** a folder with no export in it is not an error (the build's inbox on a quiet night) */
  emptyFolderOk?: boolean;
  /** last word before the commit: throwing here rolls the whole load back (the build's checks) */
  beforeCommit?: (files: FileSummary[]) => Promise<void>;
}

export interface FileSummary {
  path: string;
  detected: string;
  object: string;
  variant: string;
  read: number;
  loaded: number;
  rejected: number;
  duplicates: number;
  encoding: string;
  skipped?: string;
  loadId?: number;
}

export interface LoadSummary {
  files: FileSummary[];
  unknownStageValues: string[];
  warnings: string[];
}

export async function loadFiles(wh: Warehouse, config: Config, options: LoadOptions): Promise<LoadSummary> {
  const { files, skipped } = await expandLoadInputs(options.paths, options.emptyFolderOk);
  const warnings = skipped.map((p) => `${p}: not a CSV export (.csv, .tsv, .txt), left alone`);
  const summaries: FileSummary[] = [];
  await withMemoryBudget(wh, loadMemoryBudgetBytes, () =>
    wh.transaction(async () => {
      for (const [index, path] of files.entries()) {
        options.onFile?.(path, index, files.length);
        summaries.push(await loadOneFile(wh, config, options, path, warnings));
      }
      await linkActivityLeads(wh);
      await options.beforeCommit?.(summaries);
      await assertRejectRates(wh, summaries, options.maxRejectRate ?? defaultMaxRejectRate);
    }),
  ).catch((error: unknown) => {
    throw rolledBackError(error, files.length, options.skipUnknown === undefined);
  });
  const loadIds = summaries.flatMap((s) => (s.loadId === undefined ? [] : [s.loadId]));
  warnings.push(...(await unlistedClosedDealStages(wh, config, loadIds)));
  return { files: summaries, unknownStageValues: await unknownStageValues(wh, config, loadIds), warnings };
}

/** One file; a file that fails before its checksum was looked up and was loaded before is skipped, as it was before the lookup moved. */
async function loadOneFile(wh: Warehouse, config: Config, options: LoadOptions, path: string, warnings: string[]): Promise<FileSummary> {
  const lookup = await ChecksumLookup.start(wh, path);
  try {
    return await loadUnlessLoaded(wh, config, options, path, warnings, lookup);
  } catch (error) {
    const skipped = lookup.done ? undefined : await lookup.alreadyLoaded().catch(() => undefined);
    if (!skipped) throw error;
    await dropFileScratch(wh);
    return skipped;
  }
}

/** The temporary tables of a file read before it turned out to be loaded already. */
async function dropFileScratch(wh: Warehouse): Promise<void> {
  await dropTyped(wh);
  await wh.run(`drop table if exists raw_rows`);
  await dropRejectTables(wh);
}

async function loadUnlessLoaded(wh: Warehouse, config: Config, options: LoadOptions, path: string, warnings: string[], lookup: ChecksumLookup): Promise<FileSummary> {
  const started = new Date();
  const inspection = await timed('inspect', inspectHead(path));
  if (lookup.first) {
    const skipped = await timed('checksum first', lookup.alreadyLoaded());
    if (skipped) return skipped;
  }
  let spec: FormatSpec;
  try {
    spec = options.mapping ?? detectFormat(path, inspection.header, options.crm);
  } catch (error) {
    // nothing of this file is written yet, so skipping it leaves the load whole
    if (!options.skipUnknown || !(error instanceof UserError)) throw error;
    const loaded = await lookup.alreadyLoaded();
    if (loaded) return loaded;
    warnings.push(`skipped (--skip-unknown): ${error.message}`);
    return {
      path, detected: 'unknown', object: '', variant: '', read: 0, loaded: 0, rejected: 0, duplicates: 0,
      encoding: inspection.encoding, skipped: 'no known export format matches its header (--skip-unknown)',
    };
  }
  const resolution = resolveColumns(spec, inspection.header);
  assertColumns(path, spec, resolution, inspection.header);
  const readable = await utf8Copy(path, inspection.encoding, inspection.mixedNewlines);
  try {
    const source = { path: readable.path, header: inspection.header, delimiter: inspection.delimiter, skipLines: inspection.skipLines };
    const counts = await timed('read and parse', buildTyped(wh, spec, resolution, source, {
      timezone: options.timezone ?? config.timezone,
      dateOrder: options.dateOrder,
      delimiter: inspection.delimiter,
      decimalComma: inspection.delimiter === ';',
    }).catch((error: unknown) => {
      if (error instanceof UserError) throw new UserError(`${path}: ${error.message}`, error.exitCode);
      // DuckDB's reader refusing the whole file is the file's problem, not a crash
      if (error instanceof CsvReadError) throw new UserError(`${path}: cannot be read as CSV: ${error.message}`, 1);
      throw error;
    }));
    // the checksum, hashed meanwhile, is looked up before anything of the file is written
    const loaded = await timed('checksum', lookup.alreadyLoaded());
    if (loaded) {
      await dropFileScratch(wh);
      return loaded;
    }
    const loadId = (await wh.one<{ id: number }>(`select nextval('load_id_seq')::int as id`))!.id;
    const tally = await timed('rejects', recordRejects(wh, {
      loadId, path, header: inspection.header, delimiter: inspection.delimiter, skipLines: inspection.skipLines,
    }, counts.tally));
    // Each copy of a big file is freed as soon as the next one is built: memory stays near one copy.
    await wh.run(`drop table if exists raw_rows`);
    const snapshotAt = options.snapshotAt ?? (await snapshotTime(path, warnings, started));
    if (!(await timed('emit directly', emitDirectly(wh, spec, resolution, { loadId, snapshotAt })))) {
      await timed('emit', emitCanonicalRows(wh, spec, resolution));
      await dropTyped(wh);
      await timed('merge', mergeStaged(wh, { loadId, snapshotAt }));
      await dropStagedRows(wh);
    }
    await dropTyped(wh);
    const read = counts.parsed + counts.parseRejected;
    if (read === 0) warnings.push(`${path}: header only, 0 rows`);
    const summary: FileSummary = {
      path, detected: spec.crm, object: spec.object, variant: spec.variant, read,
      loaded: tally.loaded, rejected: tally.rejected + counts.parseRejected, duplicates: tally.duplicates,
      encoding: inspection.encoding, loadId,
    };
    await wh.run(
      `insert into load_runs values ($id, $path, $name, $crm, $object, $variant, $checksum, $encoding, $delim,
        $snapshot, $read, $loaded, $rejected, $duplicates, $started, now())`,
      {
        id: loadId, path, name: basename(path), crm: spec.crm, object: spec.object, variant: spec.variant,
        checksum: await lookup.value, encoding: inspection.encoding, delim: inspection.delimiter,
        snapshot: snapshotAt, read, loaded: summary.loaded, rejected: summary.rejected,
        duplicates: summary.duplicates, started,
      },
    );
    return summary;
  } finally {
    await readable.cleanup();
  }
}
