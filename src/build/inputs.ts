/**
 * Step one of a run: load every export in the inbox that is new (files already loaded are skipped
 * by checksum) and describe each input for the manifest: its checksum, what it was detected as,
 * rows read, loaded and rejected, and a sample of the rejected rows with their reasons. Files
 * still arriving, empty ones and links out of the inbox wait (inboxFiles.ts) and are named.
 */
import { relative, sep } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { loadFiles, type LoadSummary } from '../ingest/load.js';
import { rejectRate } from './checks.js';
import { pickInboxFiles, type PickOptions } from './inboxFiles.js';
import type { BuildLog } from './log.js';
import { type BuildManifest, type ManifestInput, sha256File } from './manifest.js';
import { shareSafe } from './shareText.js';

/** How many rejected rows the manifest lists; all of them stay in the warehouse's rejected_rows. */
const rejectedSample = 20;

export interface InboxLoad {
  inputs: ManifestInput[];
  rejected: BuildManifest['rejected'];
  notLoaded: BuildManifest['notLoaded'];
  warnings: string[];
}

export async function loadInbox(wh: Warehouse, config: Config, inbox: string, log: BuildLog, pickOptions: PickOptions): Promise<InboxLoad> {
  const pick = await pickInboxFiles(inbox, pickOptions);
  const summary: LoadSummary = pick.files.length
    ? await loadFiles(wh, config, {
        paths: pick.files,
        crm: 'auto',
        onFile: (path, i, n) => log.step('load', `loading [${i + 1}/${n}] ${relative(inbox, path)}`, { file: relative(inbox, path) }),
      })
    : { files: [], unknownStageValues: [], warnings: [] };
  const name = (path: string) => relative(inbox, path).split(sep).join('/');
  const inputs: ManifestInput[] = [];
  for (const f of summary.files) {
    inputs.push({
      file: name(f.path), sha256: await sha256File(f.path), detected: `${f.detected} ${f.variant}`.trim(), object: f.object,
      read: f.read, loaded: f.loaded, rejected: f.rejected, duplicates: f.duplicates, ...(f.skipped ? { skipped: f.skipped } : {}),
    });
  }
  const loadIds = summary.files.flatMap((f) => (f.loadId === undefined ? [] : [f.loadId]));
  const sample = loadIds.length
    ? await wh.all<{ path: string; line: number | null; reason: string }>(
        `select path, line_number as line, reason from rejected_rows where list_contains($ids, load_id)
         order by load_id, line_number nulls last limit ${rejectedSample}`,
        { ids: loadIds },
      )
    : [];
  const notLoaded = pick.held.map((h) => ({ file: name(h.path), reason: h.reason }));
  for (const held of notLoaded) log.warn('inbox', `not loaded this run: inbox/${held.file}: ${held.reason}`, { ...held });
  const warnings = [
    ...pick.notExports.map((p) => `inbox/${name(p)}: not a CSV export (.csv, .tsv, .txt, each also .gz), left alone`),
    ...notLoaded.map((h) => `inbox/${h.file}: not loaded this run: ${h.reason}`),
    ...summary.warnings.map((w) => shareSafe(w, [{ path: inbox, label: 'inbox' }])),
  ];
  if (summary.unknownStageValues.length) warnings.push(`stage values no stage or alias names: ${summary.unknownStageValues.join(', ')}`);
  return {
    inputs,
    rejected: { ...rejectRate(inputs), sample: sample.map((r) => ({ file: name(r.path), line: r.line, reason: r.reason })) },
    notLoaded,
    warnings,
  };
}
