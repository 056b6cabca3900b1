/**
 * `revops-report load`: every file in one transaction. Per file: inspect, detect the format,
 * read into DuckDB, parse and check rows, merge, and record the load run with its rejected rows.
 * An error in any file rolls the whole load back, so the warehouse is never half-loaded.
 */
import { basename } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { UserError } from '../errors.js';
import { wasInterrupted } from '../interrupt.js';
import { unknownStageValues } from '../models/stageAliases.js';
import { columnAccount, resolveColumns } from './columns.js';
import { unlistedClosedDealStages } from './dealStageWarnings.js';
import { assertRejectRates, defaultMaxRejectRate, rolledBackError } from './loadChecks.js';
import { expandLoadInputs } from './loadInputs.js';
import { detectFormat } from './formats/index.js';
import type { Crm, FormatSpec } from './formats/types.js';
import { collisionWarning, rejectForeignIds } from './identity.js';
import { type FileInspection, inspectAhead, inspectFile } from './inspect.js';
import { loadMemoryBudgetBytes, withMemoryBudget } from './memoryBudget.js';
import { isEmpty, linkActivityLeads, mergeStaged } from './merge.js';
import { recordRejects } from './rejects.js';
import { snapshotTime } from './snapshotTime.js';
import { assertColumns, CsvReadError, dropStagedRows, emitCanonicalRows, emitDirectly } from './stageFile.js';
import type { DecimalMark } from './numbers.js';
import { Scratch } from './scratch.js';
import { buildTyped } from './typed.js';
import type { DateOrder } from './timestamps.js';
import { timed } from '../timing.js';
import { utf8Copy } from './transcode.js';
import { fileZone, type FileZone, loadZone, loadZoneNote } from './zoneSummary.js';

export interface LoadOptions {
  paths: string[];
  crm: Crm | 'auto';
  timezone?: string;
  dateOrder?: DateOrder;
  /** --decimal: the decimal mark of every number column (default: decided per column) */
  decimal?: DecimalMark;
  snapshotAt?: Date;
  /** a format spec built from a --mapping file, used for every file */
  mapping?: FormatSpec;
  /** `--input-format NAME`: this known format for every file, instead of detection */
  inputFormat?: FormatSpec;
  onFile?: (path: string, index: number, total: number) => void;
  /** a file's rows are counted (still inside the load's transaction) */
  onFileDone?: (file: FileSummary, index: number, total: number) => void;
  /** the load's transaction committed: from here on an interrupt leaves the files loaded */
  onCommitted?: () => void;
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
  /** the export format read (a variant name, as `--input-format` takes it) */
  format: string;
  /** the file's columns the load read, and the ones it left out, by header name */
  columnsUsed: string[];
  columnsIgnored: string[];
  /** stray NUL bytes dropped from the text (docs/formats.md) */
  nulsDropped: number;
  /** SHA-256 of the file's bytes, as load_runs keeps it (a file with the same one is not loaded again) */
  checksum: string;
  /** the file was a gzip stream, read unpacked */
  compression?: 'gzip';
  skipped?: string;
  loadId?: number;
  /** naive timestamps (no offset or zone word): how many, in which columns, read in which zone */
  zone?: FileZone;
}

export interface LoadSummary {
  files: FileSummary[];
  unknownStageValues: string[];
  warnings: string[];
  /** said when naive timestamps were read in the default UTC, with how to set the zone (stderr too) */
  zoneNote?: string;
  /** `load`: seconds spent bringing the lifecycle models up to date after the commit (src/commands/load.ts) */
  modelsSeconds?: number;
}

export async function loadFiles(wh: Warehouse, config: Config, options: LoadOptions): Promise<LoadSummary> {
  const { files, skipped } = await expandLoadInputs(options.paths, options.emptyFolderOk);
  const warnings = skipped.map((p) => `${p}: not a CSV export (.csv, .tsv, .txt, each also .gz), left alone`);
  const summaries: FileSummary[] = [];
  const scratch = await Scratch.open(wh);
  await withMemoryBudget(wh, loadMemoryBudgetBytes, () =>
    wh.transaction(async () => {
      for (const [index, path] of files.entries()) {
        options.onFile?.(path, index, files.length);
        summaries.push(await loadOneFile(wh, scratch, config, options, path, warnings));
        options.onFileDone?.(summaries.at(-1)!, index, files.length);
      }
      await linkActivityLeads(wh);
      await options.beforeCommit?.(summaries);
      await assertRejectRates(wh, summaries, options.maxRejectRate ?? defaultMaxRejectRate);
    }),
  )
    .catch((error: unknown) => {
      throw rolledBackError(error, files.length, options.skipUnknown === undefined);
    })
    .finally(() => scratch.close());
  options.onCommitted?.();
  const zoneNote = loadZoneNote(summaries.map((s) => s.zone));
  const loadIds = summaries.flatMap((s) => (s.loadId === undefined ? [] : [s.loadId]));
  warnings.push(...(await unlistedClosedDealStages(wh, config, loadIds)));
  return { files: summaries, unknownStageValues: await unknownStageValues(wh, config, loadIds), warnings, ...(zoneNote ? { zoneNote } : {}) };
}

async function loadOneFile(wh: Warehouse, scratch: Scratch, config: Config, options: LoadOptions, path: string, warnings: string[]): Promise<FileSummary> {
  const started = new Date();
  // a plain UTF-8 file is read by DuckDB while its bytes are hashed and scanned (inspectAhead)
  const ahead = await timed('inspect', inspectAhead(path));
  if (ahead) {
    const pending: PendingScan = { whole: ahead.whole, settled: false };
    try {
      const summary = await loadInspected(wh, scratch, config, options, ahead.inspection, warnings, started, pending);
      if (summary) return summary;
    } catch (error) {
      // an interrupt ends the load as it is (src/interrupt.ts), without waiting for the scan
      if (pending.settled || wasInterrupted()) throw error;
      // nothing of the file is kept before the scan's verdict, which speaks first: binary, already loaded, NULs
      const verdict = await settleScan(wh, pending);
      if (verdict.skipped) return verdict.skipped;
      if (!verdict.copy) throw error;
    }
    // here the scan found NULs past the first MiB: the file is read again, from its copy without them
  }
  const inspection = await timed('inspect + checksum', inspectFile(path));
  return (await alreadyLoaded(wh, inspection)) ?? (await loadInspected(wh, scratch, config, options, inspection, warnings, started))!;
}

/** The whole-file scan of a file DuckDB reads meanwhile (inspectAhead), until its verdict is taken. */
interface PendingScan {
  whole: Promise<FileInspection>;
  settled: boolean;
}

/** The scan's verdict: the whole inspection; `copy` when it found NULs (read again from the copy); `skipped` when the bytes were loaded before. */
async function settleScan(wh: Warehouse, pending: PendingScan): Promise<{ inspection: FileInspection; copy: boolean; skipped?: FileSummary }> {
  pending.settled = true;
  const inspection = await timed('checksum, read meanwhile', pending.whole);
  if (inspection.nuls > 0) return { inspection, copy: true };
  return { inspection, copy: false, skipped: await alreadyLoaded(wh, inspection) };
}

/** A file with the checksum of one loaded before is not loaded again: its summary says so. */
async function alreadyLoaded(wh: Warehouse, inspection: FileInspection): Promise<FileSummary | undefined> {
  const previous = await wh.one<{ load_id: number; rows_read: number; detected_crm: string; object: string; variant: string }>(
    `select load_id, rows_read, detected_crm, object, variant from load_runs where checksum = $checksum order by load_id limit 1`,
    { checksum: inspection.checksum },
  );
  if (!previous) return undefined;
  return {
    path: inspection.path,
    detected: previous.detected_crm,
    object: previous.object,
    variant: previous.variant,
    read: previous.rows_read,
    loaded: 0,
    rejected: 0,
    duplicates: previous.rows_read,
    encoding: inspection.encoding,
    format: previous.variant,
    columnsUsed: [],
    columnsIgnored: [],
    nulsDropped: 0,
    checksum: inspection.checksum,
    compression: inspection.compression,
    skipped: `already loaded (load ${previous.load_id}, same checksum)`,
  };
}

/**
 * Loads one inspected file. With `pending` (the scan of its bytes still running) the scan's
 * verdict is taken once DuckDB has staged the file, before anything of it is kept: undefined
 * means the file has NULs and must be loaded again from its copy.
 */
async function loadInspected(
  wh: Warehouse,
  scratch: Scratch,
  config: Config,
  options: LoadOptions,
  first: FileInspection,
  warnings: string[],
  started: Date,
  pending?: PendingScan,
): Promise<FileSummary | undefined> {
  let inspection = first;
  const { path } = inspection;
  let spec: FormatSpec;
  try {
    spec = options.mapping ?? options.inputFormat ?? detectFormat(path, inspection.header, options.crm, inspection.sample);
  } catch (error) {
    // nothing of this file is written yet, so skipping it leaves the load whole
    if (!options.skipUnknown || !(error instanceof UserError)) throw error;
    if (pending) {
      const verdict = await settleScan(wh, pending);
      if (verdict.copy || verdict.skipped) return verdict.skipped;
      inspection = verdict.inspection;
    }
    warnings.push(`skipped (--skip-unknown): ${error.message}`);
    return {
      path,
      detected: 'unknown',
      object: '',
      variant: '',
      read: 0,
      loaded: 0,
      rejected: 0,
      duplicates: 0,
      encoding: inspection.encoding,
      format: 'unknown',
      columnsUsed: [],
      columnsIgnored: [...inspection.header],
      nulsDropped: 0,
      checksum: inspection.checksum,
      skipped: 'no known export format matches its header (--skip-unknown)',
    };
  }
  const resolution = resolveColumns(spec, inspection.header);
  assertColumns(path, spec, resolution, inspection.header);
  const zone = loadZone(config, options.timezone);
  const readable = await utf8Copy(inspection);
  // the file's staging tables are built and committed on the scratch connection, then read from here
  const { stage, database } = await scratch.startFile();
  try {
    const source = { path: readable.path, header: inspection.header, delimiter: inspection.delimiter, skipLines: inspection.skipLines };
    const counts = await timed(
      'read and parse',
      buildTyped(stage, spec, resolution, source, {
        timezone: zone.zone,
        dateOrder: options.dateOrder,
        delimiter: inspection.delimiter,
        decimal: options.decimal,
        cutRecord: inspection.cutRecord,
      }).catch((error: unknown) => {
        if (error instanceof UserError) throw new UserError(`${path}: ${error.message}`, error.exitCode);
        // DuckDB's reader refusing the whole file is the file's problem, not a crash
        if (error instanceof CsvReadError) throw new UserError(`${path}: cannot be read as CSV: ${error.message}`, 1);
        throw error;
      }),
    );
    if (pending) {
      const verdict = await settleScan(wh, pending);
      if (verdict.copy || verdict.skipped) return verdict.skipped;
      inspection = verdict.inspection;
    }
    await scratch.staged();
    const foreign = await timed('identity', rejectForeignIds(wh, spec, resolution, source, `${database}.typed`));
    if (foreign > 0) warnings.push(collisionWarning(path, foreign));
    const loadId = (await wh.one<{ id: number }>(`select nextval('load_id_seq')::int as id`))!.id;
    // the typed check's counts, less the rows the identity check rejected after it (rows that had passed)
    const known = counts.tally && { ...counts.tally, loaded: counts.tally.loaded - foreign, rejected: counts.tally.rejected + foreign };
    const tally = await timed(
      'rejects',
      recordRejects(
        wh,
        {
          loadId,
          path,
          header: inspection.header,
          delimiter: inspection.delimiter,
          skipLines: inspection.skipLines,
        },
        known,
      ),
    );
    // only entities are replaced by a later snapshot, and only rows already there can be
    const replaces = (spec.object === 'leads' || spec.object === 'opportunities') && !(await isEmpty(wh, spec.object));
    const snapshotAt = options.snapshotAt ?? (await snapshotTime(path, warnings, started, replaces));
    if (!(await timed('emit directly', emitDirectly(wh, spec, resolution, { loadId, snapshotAt })))) {
      await timed('emit', emitCanonicalRows(wh, spec, resolution));
      await timed('merge', mergeStaged(wh, { loadId, snapshotAt }));
      await dropStagedRows(wh);
    }
    const read = counts.parsed + counts.parseRejected;
    if (read === 0) warnings.push(`${path}: header only, 0 rows`);
    if (readable.nulsDropped > 0)
      warnings.push(`${path}: ${readable.nulsDropped} NUL byte(s) dropped (stray NULs in the text; the values around them are kept)`);
    const summary: FileSummary = {
      path,
      detected: spec.crm,
      object: spec.object,
      variant: spec.variant,
      read,
      loaded: tally.loaded,
      rejected: tally.rejected + counts.parseRejected,
      duplicates: tally.duplicates,
      encoding: inspection.encoding,
      format: spec.variant,
      ...columnsOf(inspection.header, resolution),
      nulsDropped: readable.nulsDropped,
      checksum: inspection.checksum,
      compression: inspection.compression,
      loadId,
      zone: fileZone(counts.naive, zone),
    };
    await wh.run(
      `insert into load_runs (load_id, path, file_name, detected_crm, object, variant, checksum, encoding, delimiter,
        snapshot_at, rows_read, rows_loaded, rows_rejected, rows_duplicate, started_at, finished_at,
        naive_timestamps, zone_assumed, zone_source)
       values ($id, $path, $name, $crm, $object, $variant, $checksum, $encoding, $delim,
        $snapshot, $read, $loaded, $rejected, $duplicates, $started, now(), $naive, $zone, $zoneSource)`,
      {
        id: loadId,
        path,
        name: basename(path),
        crm: spec.crm,
        object: spec.object,
        variant: spec.variant,
        checksum: inspection.checksum,
        encoding: inspection.encoding,
        delim: inspection.delimiter,
        snapshot: snapshotAt,
        read,
        loaded: summary.loaded,
        rejected: summary.rejected,
        duplicates: summary.duplicates,
        started,
        naive: summary.zone?.naiveValues ?? 0,
        zone: summary.zone?.zone ?? null,
        zoneSource: summary.zone?.source ?? null,
      },
    );
    return summary;
  } finally {
    await scratch.endFile();
    await readable.cleanup();
  }
}

function columnsOf(header: string[], resolution: ReturnType<typeof resolveColumns>) {
  const { used, ignored } = columnAccount(header, resolution);
  return { columnsUsed: used, columnsIgnored: ignored };
}
