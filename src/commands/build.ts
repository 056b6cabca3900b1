/**
 * `revops-report build`: the scheduled build. Normalises flags and the config's `build` section
 * into one run (src/build/run.ts). Flags win over the config. Exit codes: 0 published, 1 error,
 * 2 usage, 3 a data check failed (run kept, not published), 75 another build holds the lock.
 */
import { resolve } from 'node:path';
import { runBuild, type BuildResult } from '../build/run.js';
import { createBuildLog, type LogFormat, logFormats } from '../build/log.js';
import { resolveReports } from '../build/reports.js';
import { runDate } from '../build/runs.js';
import { loadConfig } from '../config/config.js';
import { usageError } from '../errors.js';
import type { ExportFormat } from '../export/types.js';
import { parseExportFormats } from '../export/write.js';
import { parseAsOf, parseDuration } from '../metrics/window.js';
import { parseRate } from './rate.js';
import { warehousePath } from './warehouse.js';

export interface BuildCommandOptions {
  out: string;
  config?: string;
  inbox?: string;
  db?: string;
  asOf?: string;
  keep?: string | number;
  export?: string;
  reports?: string;
  since?: string;
  maxRejectRate?: string | number;
  maxStaleness?: string;
  settleSeconds?: string | number;
  logFormat?: string;
  /** whether stderr is a terminal (default: process.stderr.isTTY) */
  tty?: boolean;
  /** where the text log's lines go (default: process.stderr); tests pass their own */
  stderr?: (text: string) => void;
}

export type { BuildResult } from '../build/run.js';

function positiveInt(value: string | number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`${option} must be a positive whole number, not "${value}"`);
  return n;
}

function wholeSeconds(value: string | number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (String(value).trim() === '' || !Number.isInteger(n) || n < 0) throw usageError(`${option} must be a whole number of seconds (0 or more), not "${value}"`);
  return n;
}

/** A bare date names the run's day and means the end of it; a timestamp is the instant itself. */
function resolveAsOf(value?: string): { asOf: Date; date: string } {
  const asOf = parseAsOf(value);
  return { asOf, date: value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : runDate(asOf) };
}

export async function build(options: BuildCommandOptions): Promise<BuildResult> {
  if (!options.out) throw usageError('build needs --out DIR (the folder the runs, latest/ and index.html go to)');
  const logFormat = (options.logFormat ?? 'text') as LogFormat;
  if (!logFormats.includes(logFormat)) throw usageError(`--log-format must be ${logFormats.join(' or ')}`);
  const config = loadConfig(options.config);
  const settings = config.build;
  const { asOf, date } = resolveAsOf(options.asOf);
  const since = options.since ?? settings.since;
  parseDuration(since, '--since');
  const maxStaleness = options.maxStaleness ?? settings.maxStaleness;
  if (maxStaleness) parseDuration(maxStaleness, '--max-staleness');
  const exports: ExportFormat[] = options.export !== undefined ? parseExportFormats(options.export) : [...settings.export];
  const reports = resolveReports(options.reports ? options.reports.split(',') : settings.reports);
  const inbox = options.inbox ? resolve(options.inbox) : (config.inbox ?? null);
  const tty = options.tty ?? Boolean(process.stderr.isTTY);
  const result = await runBuild({
    out: resolve(options.out),
    config,
    inbox,
    db: warehousePath(options.db),
    asOf,
    runDate: date,
    since,
    reports,
    exports,
    keep: positiveInt(options.keep, '--keep') ?? settings.keep,
    maxRejectRate: parseRate(options.maxRejectRate, '--max-reject-rate') ?? settings.maxRejectRate,
    maxStaleness,
    settleSeconds: wholeSeconds(options.settleSeconds, '--settle-seconds') ?? settings.settleSeconds,
    log: createBuildLog({ format: logFormat, tty, ...(options.stderr ? { stderr: options.stderr } : {}) }),
  });
  // said off a terminal too (a terminal already showed it as a warning): the cron log must tell a
  // night with nothing new from a night whose numbers simply did not change
  if (result.manifest.nothingNew && logFormat === 'text' && !tty)
    (options.stderr ?? ((t: string) => void process.stderr.write(t)))(`build: ${result.manifest.nothingNew}\n`);
  return result;
}
