/**
 * Step one of a run: load every export in the inbox that is new (files already loaded are skipped
 * by checksum) and describe each input for the manifest: its checksum, what it was detected as,
 * rows read, loaded and rejected, and a sample of the rejected rows with their reasons. Files
 * still arriving, empty ones and links out of the inbox wait (inboxFiles.ts) and are named.
 * The run's reject check is made before the load commits: a run that fails it loads nothing, so
 * the same files are read (and checked) again next run instead of passing as "already loaded".
 */
import { relative, sep } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { UserError } from '../errors.js';
import { type FileSummary, loadFiles } from '../ingest/load.js';
import { defaultMaxRejectRate } from '../ingest/loadChecks.js';
import { checkRejectRate, type CheckResult, failedChecksMessage, rejectRate } from './checks.js';
import { pickInboxFiles, type PickOptions } from './inboxFiles.js';
import type { BuildLog } from './log.js';
import type { BuildManifest, ManifestInput } from './manifest.js';
import { shareSafe } from './shareText.js';

/** How many rejected rows the manifest lists; all of them stay in the warehouse's rejected_rows. */
const rejectedSample = 20;

export interface InboxLoad {
  inputs: ManifestInput[];
  rejected: BuildManifest['rejected'];
  notLoaded: BuildManifest['notLoaded'];
  warnings: string[];
  /** set when a reject check refused the load: nothing of it was committed */
  refused?: { error: UserError; checks: CheckResult[] };
}

export interface InboxOptions extends PickOptions {
  maxRejectRate?: number;
}

const inboxName = (inbox: string) => (path: string) => relative(inbox, path).split(sep).join('/');

async function describeInputs(wh: Warehouse, inbox: string, files: readonly FileSummary[]): Promise<Pick<InboxLoad, 'inputs' | 'rejected'>> {
  const name = inboxName(inbox);
  const inputs: ManifestInput[] = files.map((f) => ({
    file: name(f.path),
    sha256: f.checksum, // the load's own hash of the file: no second read
    detected: `${f.detected} ${f.variant}`.trim(),
    object: f.object,
    read: f.read,
    loaded: f.loaded,
    rejected: f.rejected,
    duplicates: f.duplicates,
    ...(f.skipped ? { skipped: f.skipped } : {}),
  }));
  const loadIds = files.flatMap((f) => (f.loadId === undefined ? [] : [f.loadId]));
  const sample = loadIds.length
    ? await wh.all<{ path: string; line: number | null; reason: string }>(
        `select path, line_number as line, reason from rejected_rows where list_contains($ids, load_id)
         order by load_id, line_number nulls last limit ${rejectedSample}`,
        { ids: loadIds },
      )
    : [];
  return { inputs, rejected: { ...rejectRate(inputs), sample: sample.map((r) => ({ file: name(r.path), line: r.line, reason: r.reason })) } };
}

export async function loadInbox(wh: Warehouse, config: Config, inbox: string, log: BuildLog, options: InboxOptions): Promise<InboxLoad> {
  const name = inboxName(inbox);
  const pick = await pickInboxFiles(inbox, options);
  const notLoaded = pick.held.map((h) => ({ file: name(h.path), reason: h.reason }));
  for (const held of notLoaded) log.warn('inbox', `not loaded this run: inbox/${held.file}: ${held.reason}`, { ...held });
  const pickWarnings = [
    ...pick.notExports.map((p) => `inbox/${name(p)}: not a CSV export (.csv, .tsv, .txt, each also .gz), left alone`),
    ...notLoaded.map((h) => `inbox/${h.file}: not loaded this run: ${h.reason}`),
  ];
  // a night with no new export is not an error
  if (pick.files.length === 0) return { inputs: [], rejected: { ...rejectRate([]), sample: [] }, notLoaded, warnings: pickWarnings };
  let described: Pick<InboxLoad, 'inputs' | 'rejected'> | undefined;
  let checks: CheckResult[] = [];
  try {
    const summary = await loadFiles(wh, config, {
      paths: pick.files,
      crm: 'auto',
      skipUnknown: false, // an export nobody can read fails the run: it is not left behind unseen
      // a file mostly rejected is refused whatever the run's total; a looser run limit loosens it too
      maxRejectRate: Math.max(defaultMaxRejectRate, options.maxRejectRate ?? 0),
      onFile: (path, i, n) => log.step('load', `loading [${i + 1}/${n}] ${name(path)}`, { file: name(path) }),
      beforeCommit: async (files) => {
        // described before the commit, so a refused load still says what it read and why
        described = await describeInputs(wh, inbox, files);
        const check = checkRejectRate(described.rejected, options.maxRejectRate);
        checks = check ? [check] : [];
        const failed = failedChecksMessage(checks);
        if (failed) throw new UserError(`${failed}; nothing was loaded (the run's files stay unloaded and are checked again next run)`, 3);
      },
    });
    const warnings = [...pickWarnings, ...summary.warnings.map((w) => shareSafe(w, [{ path: inbox, label: 'inbox' }]))];
    if (summary.zoneNote) warnings.push(summary.zoneNote);
    if (summary.unknownStageValues.length) warnings.push(`stage values no stage or alias names: ${summary.unknownStageValues.join(', ')}`);
    return { ...described!, notLoaded, warnings };
  } catch (error) {
    if (!(described && error instanceof UserError && error.exitCode === 3)) throw error;
    return { ...described, notLoaded, warnings: pickWarnings, refused: { error, checks } };
  }
}
