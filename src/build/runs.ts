/**
 * The output folder's layout: one folder per run named by its as-of date in UTC (`2026-11-01`),
 * a second run for the same date `2026-11-01-2`, then `-3`, … Only folders with these names are
 * runs; retention (--keep) removes the oldest of them and nothing else, and only those the tool
 * wrote (a manifest of ours inside): a user's "2024-01-15" folder on a shared drive is not a run.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { readManifest } from './manifest.js';

const runName = /^(\d{4}-\d{2}-\d{2})(?:-(\d+))?$/;

export const isRunName = (name: string) => runName.test(name);

/** Sort key: date, then sequence (the first run of a day is 1). */
function runKey(name: string): [string, number] {
  const match = runName.exec(name);
  return [match?.[1] ?? '', Number(match?.[2] ?? 1)];
}

/** Newest first: later date first, and for one date the higher sequence first. */
export function compareRunsNewestFirst(a: string, b: string): number {
  const [da, sa] = runKey(a);
  const [db, sb] = runKey(b);
  return da === db ? sb - sa : da < db ? 1 : -1;
}

/** Every dated run folder in `dir`, newest first. */
export async function listRuns(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && isRunName(e.name))
    .map((e) => e.name)
    .sort(compareRunsNewestFirst);
}

/** The run date of an as-of instant: its UTC calendar date. */
export const runDate = (asOf: Date) => asOf.toISOString().slice(0, 10);

/** The next free run name for a date: `YYYY-MM-DD`, else `YYYY-MM-DD-2`, `-3`, … */
export function nextRunName(existing: readonly string[], date: string): string {
  const taken = existing.filter((name) => runKey(name)[0] === date).map((name) => runKey(name)[1]);
  if (taken.length === 0) return date;
  return `${date}-${Math.max(...taken) + 1}`;
}

/** The runs --keep N removes: every dated run beyond the newest N, never `keepAlso`. */
export function runsBeyond(runs: readonly string[], keep: number, keepAlso: readonly string[] = []): string[] {
  return [...runs]
    .sort(compareRunsNewestFirst)
    .slice(keep)
    .filter((name) => !keepAlso.includes(name));
}

/** Removes the dated runs beyond the newest `keep`; returns their names. */
export async function applyRetention(dir: string, keep: number, keepAlso: readonly string[] = []): Promise<string[]> {
  const ours: string[] = [];
  for (const name of await listRuns(dir)) if (await isOurRun(dir, name)) ours.push(name);
  const doomed = runsBeyond(ours, keep, keepAlso);
  for (const name of doomed) {
    if (!isRunName(name)) continue; // belt and braces: nothing but a dated run is ever removed
    await rm(join(dir, name), { recursive: true, force: true });
  }
  return doomed;
}

/** A run folder this tool wrote: its manifest parses, is ours and names this very folder. */
export async function isOurRun(dir: string, name: string): Promise<boolean> {
  const manifest = await readManifest(join(dir, name));
  return manifest?.manifestVersion === 1 && manifest.run === name && manifest.tool?.name === 'revops-report';
}
