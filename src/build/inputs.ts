/**
 * Step one of a run: load every export in the inbox that is new (files already loaded are skipped
 * by checksum) and describe each input for the manifest: its checksum, what it was detected as,
 * rows read, loaded and rejected, and a sample of the rejected rows with their reasons.
 */
import { relative, sep } from 'node:path';
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { loadFiles } from '../ingest/load.js';
import { rejectRate } from './checks.js';
import type { BuildLog } from './log.js';
import { type BuildManifest, type ManifestInput, sha256File } from './manifest.js';

/** How many rejected rows the manifest lists; all of them stay in the warehouse's rejected_rows. */
const rejectedSample = 20;

export interface InboxLoad {
  inputs: ManifestInput[];
  rejected: BuildManifest['rejected'];
  warnings: string[];
}

export async function loadInbox(wh: Warehouse, config: Config, inbox: string, log: BuildLog): Promise<InboxLoad> {
  const summary = await loadFiles(wh, config, {
    paths: [inbox],
    crm: 'auto',
    onFile: (path, i, n) => log.step('load', `loading [${i + 1}/${n}] ${relative(inbox, path)}`, { file: relative(inbox, path) }),
  });
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
  const warnings = [...summary.warnings.map((w) => w.split(inbox).join('inbox'))];
  if (summary.zoneNote) warnings.push(summary.zoneNote);
  if (summary.unknownStageValues.length) warnings.push(`stage values no stage or alias names: ${summary.unknownStageValues.join(', ')}`);
  return {
    inputs,
    rejected: { ...rejectRate(inputs), sample: sample.map((r) => ({ file: name(r.path), line: r.line, reason: r.reason })) },
    warnings,
  };
}
