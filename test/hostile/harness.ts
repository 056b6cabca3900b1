/**
 * The hostile-input corpus (test/hostile/<class>.test.ts): each case is one input or fault and
 * asserts what the tool must do with it: a clear UserError naming the file and the problem with
 * the warehouse unchanged, or rows loaded and rejected with reasons and
 * read = loaded + rejected + duplicates. Never a changed number, a crash or a silent drop.
 * `hostileCase` names every case `[class] name`, so the corpus can be counted by class.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { type Config, parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { type LoadOptions, loadFiles, type LoadSummary } from '../../src/ingest/load.js';
import { openTestWarehouse } from '../helpers/db.js';
import { warehouseContents } from '../ingest/snapshot.js';

export type HostileClass =
  | 'encodings'
  | 'delimiters and locales'
  | 'dates and zones'
  | 'numbers and booleans'
  | 'identity'
  | 'files in flight'
  | 'config'
  | 'cli values'
  | 'paths and links'
  | 'terminal and html output'
  | 'concurrency'
  | 'resources';

/** One corpus case: a vitest `it` named `[class] name`. */
export function hostileCase(cls: HostileClass, name: string, run: () => Promise<void>, timeout?: number): void {
  it(`[${cls}] ${name}`, run, timeout);
}

/** A fresh folder under the OS temp dir for a case's files. */
export function caseDir(prefix = 'hostile-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes one input file (text or bytes) into a fresh folder and returns its path. */
export function writeInput(name: string, content: string | Buffer, dir = caseDir()): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

export type LoadAttempt = LoadSummary | UserError;

export async function attemptLoad(wh: Warehouse, paths: string[], options: Partial<LoadOptions> = {}, config: Config = parseConfig({})): Promise<LoadAttempt> {
  try {
    return await loadFiles(wh, config, { paths, crm: 'auto', ...options });
  } catch (error) {
    // anything but a UserError is a crash and fails the case as it is
    if (error instanceof UserError) return error;
    throw error;
  }
}

/** The load must fail with a UserError whose message holds every fragment, changing nothing. */
export async function expectLoadError(
  paths: string[],
  fragments: string[],
  options: Partial<LoadOptions> = {},
  config?: Config,
  wh?: Warehouse,
): Promise<UserError> {
  const warehouse = wh ?? (await openTestWarehouse());
  const before = await warehouseContents(warehouse);
  const result = await attemptLoad(warehouse, paths, options, config);
  expect(result).toBeInstanceOf(UserError);
  const error = result as UserError;
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  expect(await warehouseContents(warehouse)).toEqual(before);
  return error;
}

/**
 * The load must succeed with every file's rows accounted for; returns the summary. Cases that
 * reject most rows on purpose (to check each reason) would trip the load's reject-rate check, so
 * it is off here unless the case sets `maxRejectRate`; that check has cases of its own.
 */
export async function expectLoaded(
  paths: string[],
  options: Partial<LoadOptions> = {},
  config?: Config,
  wh?: Warehouse,
): Promise<{ wh: Warehouse; summary: LoadSummary }> {
  const warehouse = wh ?? (await openTestWarehouse());
  const result = await attemptLoad(warehouse, paths, { maxRejectRate: 1, ...options }, config);
  if (result instanceof UserError) throw result;
  for (const file of result.files) expect(file.read).toBe(file.loaded + file.rejected + file.duplicates);
  return { wh: warehouse, summary: result };
}

/** The reasons of a load's rejected rows, in line order. */
export async function rejectReasons(wh: Warehouse): Promise<{ line: number | null; reason: string }[]> {
  return wh.all(`select line_number as line, reason from rejected_rows order by line_number nulls last, reason`);
}
