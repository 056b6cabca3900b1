/**
 * Writes `DIR/index.html` (and `DIR/index.json`, the same data for machines) from the runs'
 * manifests. A run folder whose manifest still says "running" while this process holds the lock,
 * or that has no manifest, was interrupted (killed, power cut) and is shown so.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../atomicFile.js';
import { buildIndexDocument, type IndexLink, type IndexRun, renderBuildIndexHtml } from '../reports/indexPage.js';
import { generatedBy } from '../version.js';
import { readLatest } from './latest.js';
import { type BuildManifest, readManifest } from './manifest.js';
import { listRuns } from './runs.js';

/** Relative links to a run's report pages that exist on disk, then its manifest. */
function runLinks(dir: string, base: string, manifest: BuildManifest | null): IndexLink[] {
  const links: IndexLink[] = [];
  for (const report of manifest?.reports ?? []) {
    if (existsSync(join(dir, base, report.html))) links.push({ label: report.name, href: `${base}/${report.html}` });
  }
  if (manifest && existsSync(join(dir, base, 'manifest.json'))) links.push({ label: 'manifest', href: `${base}/manifest.json` });
  return links;
}

function indexRun(dir: string, run: string, manifest: BuildManifest | null, currentRun: string | null): IndexRun {
  const headline = Object.assign({}, ...(manifest?.reports ?? []).map((r) => r.headline)) as Record<string, number | null>;
  let status: IndexRun['status'] = manifest?.status ?? 'interrupted';
  if (status === 'running' && run !== currentRun) status = 'interrupted';
  const nothingNew = manifest?.nothingNew ?? null;
  const note =
    manifest?.error?.message ??
    (status === 'interrupted' ? 'the run stopped before it finished (killed or crashed)' : joinNotes(nothingNew, notLoadedNote(manifest)));
  return {
    run,
    status,
    asOf: manifest?.asOf ?? null,
    finishedAt: manifest?.finishedAt ?? null,
    dataFreshness: manifest?.dataFreshness ?? null,
    headline,
    links: runLinks(dir, run, manifest),
    note,
    nothingNew,
  };
}

const joinNotes = (...notes: (string | null)[]) => notes.filter((n) => n !== null).join('. ') || null;

/** Inbox files a run left for later, named briefly (the manifest has every reason). */
function notLoadedNote(manifest: BuildManifest | null): string | null {
  const held = manifest?.notLoaded ?? [];
  if (held.length === 0) return null;
  const named = held
    .slice(0, 5)
    .map((h) => `${h.file} (${h.reason.split(/[:,(]/)[0]!.trim()})`)
    .join('; ');
  return `${held.length} inbox file(s) not loaded this run: ${named}${held.length > 5 ? '; …' : ''}`;
}

/** Rebuilds the index from every dated run in `dir`; `currentRun` is the one this process is making. */
export async function writeBuildIndex(dir: string, currentRun: string | null = null): Promise<void> {
  const runs: IndexRun[] = [];
  for (const run of await listRuns(dir)) runs.push(indexRun(dir, run, await readManifest(join(dir, run)), currentRun));
  const pointer = await readLatest(dir);
  const latestManifest = pointer && existsSync(join(dir, 'latest')) ? await readManifest(join(dir, 'latest')) : null;
  const latest = pointer && latestManifest ? { run: pointer.run, links: runLinks(dir, 'latest', latestManifest) } : null;
  const document = buildIndexDocument(runs, latest, generatedBy);
  await writeAtomically(join(dir, 'index.json'), `${JSON.stringify(document, null, 2)}\n`);
  await writeAtomically(join(dir, 'index.html'), await renderBuildIndexHtml(document));
}
