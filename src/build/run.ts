/**
 * One scheduled build, start to finish, under the output folder's lock: load new inbox files,
 * write every enabled report into a new dated run folder, run the data checks, then switch
 * latest/ and rewrite the index. Any failure before the switch leaves latest/ as it was and is
 * recorded in the run's manifest and in the index.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeAtomically } from '../atomicFile.js';
import type { Config } from '../config/config.js';
import { Warehouse } from '../db/connection.js';
import { explainWarehouseError } from '../db/warehouseErrors.js';
import { UserError } from '../errors.js';
import type { ExportFormat } from '../export/types.js';
import { dataFreshness } from '../metrics/freshness.js';
import { version } from '../version.js';
import { checkRejectRate, checkStaleness, failedChecksMessage } from './checks.js';
import { writeBuildIndex } from './indexFile.js';
import { defaultSettleSeconds } from './inboxFiles.js';
import { loadInbox } from './inputs.js';
import { nothingNewNote } from './nothingNew.js';
import { publishLatest, readLatest, recoverLatest } from './latest.js';
import { acquireBuildLock } from './lock.js';
import type { BuildLog } from './log.js';
import { type BuildManifest, listFiles, modelVersions } from './manifest.js';
import { writeRunReports } from './reports.js';
import { shareSafe } from './shareText.js';
import { applyRetention, listRuns, nextRunName } from './runs.js';

export interface BuildRunOptions {
  out: string;
  config: Config;
  /** folder of new exports; null builds from the warehouse as it is */
  inbox: string | null;
  db: string;
  asOf: Date;
  /** the run's date, `YYYY-MM-DD` (the as-of date in UTC) */
  runDate: string;
  since: string;
  reports: string[];
  exports: ExportFormat[];
  keep?: number;
  maxRejectRate?: number;
  maxStaleness?: string;
  /** inbox files modified this recently are left for a later run (default 60; 0 loads at once) */
  settleSeconds?: number;
  log: BuildLog;
}

export interface BuildResult {
  run: string;
  runDir: string;
  manifest: BuildManifest;
  /** dated runs removed by --keep */
  removed: string[];
}

/** Test hook: pause between writing the reports and switching latest/, so a test can kill the run there. */
const pauseMs = () => Number(process.env.REVOPS_TEST_PAUSE_AFTER_REPORTS_MS ?? 0);

export async function runBuild(options: BuildRunOptions): Promise<BuildResult> {
  const { out, log } = options;
  await mkdir(out, { recursive: true });
  const lock = await acquireBuildLock(out);
  const started = performance.now();
  const timings: Record<string, number> = {};
  const lap = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      timings[name] = Math.round(performance.now() - t);
    }
  };
  let manifest: BuildManifest | null = null;
  let runDir = '';
  let wh: Warehouse | null = null;
  const writeManifest = async (m: BuildManifest) => {
    m.files = await listFiles(runDir, (p) => p === 'manifest.json' || /\.tmp-\d+$/.test(p));
    await writeAtomically(join(runDir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
  };
  try {
    const warnings = await recoverLatest(out);
    const run = nextRunName(await listRuns(out), options.runDate);
    runDir = join(out, run);
    await mkdir(runDir, { recursive: true });
    manifest = {
      manifestVersion: 1,
      run,
      status: 'running',
      asOf: options.asOf.toISOString(),
      startedAt: new Date().toISOString(),
      finishedAt: null,
      tool: { name: 'revops-report', version, node: process.version },
      models: await modelVersions(),
      inputs: [],
      rejected: { rows: 0, read: 0, rate: null, sample: [] },
      notLoaded: [],
      nothingNew: null,
      dataFreshness: null,
      reports: [],
      files: [],
      timings,
      checks: [],
      warnings,
      error: null,
    };
    await writeManifest(manifest);
    log.step('start', `run ${run} as of ${manifest.asOf}`, { run, asOf: manifest.asOf });
    wh = await Warehouse.open({ path: options.db });
    const warehouse = wh;
    if (options.inbox) {
      const settleSeconds = options.settleSeconds ?? defaultSettleSeconds;
      const loaded = await lap('loadMs', () =>
        loadInbox(warehouse, options.config, options.inbox!, log, { settleSeconds, maxRejectRate: options.maxRejectRate }),
      );
      Object.assign(manifest, { inputs: loaded.inputs, rejected: loaded.rejected, notLoaded: loaded.notLoaded });
      warnings.push(...loaded.warnings);
      if (loaded.refused) {
        manifest.checks = loaded.refused.checks;
        throw new UserError(`${loaded.refused.error.message.replace(/\.$/, '')}. Run ${run} wrote no reports; latest/ is unchanged.`, 3);
      }
    }
    manifest.nothingNew = nothingNewNote(options.inbox, manifest.inputs, manifest.notLoaded.length);
    if (manifest.nothingNew) log.warn('nothing-new', manifest.nothingNew, { run });
    manifest.dataFreshness = await dataFreshness(warehouse, options.asOf);
    const made = await lap('reportsMs', () =>
      writeRunReports(warehouse, options.config, {
        runDir,
        asOf: manifest!.asOf,
        since: options.since,
        reports: options.reports,
        exports: options.exports,
        log,
      }),
    );
    manifest.reports = made.reports;
    timings.modelsMs = made.modelsMs;
    manifest.checks = [
      checkRejectRate(manifest.rejected, options.maxRejectRate),
      checkStaleness(manifest.dataFreshness, options.asOf, options.maxStaleness),
    ].filter((c) => c !== null);
    if (pauseMs() > 0) {
      log.step('paused', `test hook: pausing ${pauseMs()} ms before publishing`, { run });
      await sleep(pauseMs());
    }
    const failed = failedChecksMessage(manifest.checks);
    if (failed) throw new UserError(`${failed}. Run ${run} was written but not published; latest/ is unchanged.`, 3);
    manifest.status = 'complete';
    manifest.finishedAt = new Date().toISOString();
    timings.totalMs = Math.round(performance.now() - started);
    await writeManifest(manifest);
    log.step('publish', `publishing ${run} as latest/`, { run });
    await publishLatest(out, run, manifest.asOf);
    const removed = options.keep ? await applyRetention(out, options.keep, [run]) : [];
    if (removed.length) log.step('retention', `removed ${removed.length} old run(s): ${removed.join(', ')}`, { removed });
    await writeBuildIndex(out, run);
    log.step('done', `run ${run} complete`, { run, status: 'complete', reports: manifest.reports.map((r) => r.name), removed });
    log.done();
    return { run, runDir, manifest, removed };
  } catch (caught) {
    // a warehouse held by another process is "try again later" (75), a full disk says so
    const error = explainWarehouseError(caught, options.db);
    const exitCode = error instanceof UserError ? error.exitCode : 1;
    if (manifest) {
      // the share gets the message without server paths or file contents; stderr and the log get it whole
      const message = shareSafe((error as Error).message, sharePlaces(options));
      Object.assign(manifest, { status: 'failed', finishedAt: new Date().toISOString(), error: { message, exitCode } });
      timings.totalMs = Math.round(performance.now() - started);
      await writeManifest(manifest).catch(() => undefined);
      await writeBuildIndex(out, manifest.run).catch(() => undefined);
      const latest = await readLatest(out);
      log.error('failed', `run ${manifest.run} failed; latest/ still shows ${latest?.run ?? 'nothing'}`, {
        run: manifest.run,
        exitCode,
        error: (error as Error).message,
      });
    }
    log.done();
    throw error;
  } finally {
    wh?.close();
    await lock.release();
  }
}

/** The folders a published message may name, by what the share calls them. */
function sharePlaces(options: BuildRunOptions): { path: string; label: string }[] {
  return [...(options.inbox ? [{ path: options.inbox, label: 'inbox' }] : []), { path: options.out, label: '.' }];
}
