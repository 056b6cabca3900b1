/**
 * The bad-input corpus (test/fixtures/bad/): every file ends in a UserError naming it (warehouse
 * unchanged), in rejected rows with a reason, or in a clean load. Never a crash, a hang or a
 * silently dropped row: read = loaded + rejected + duplicates.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import type { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { loadFiles, type LoadSummary } from '../../src/ingest/load.js';
import { writeLargeFieldFixture } from '../fixtures/bad/generate-large.js';
import { openTestWarehouse } from '../helpers/db.js';
import { warehouseContents } from './snapshot.js';

interface BadExpectation {
  file: string;
  outcome: 'error' | 'rejected' | 'loaded';
  /** the error's exit code when it is not 1 (3: a file mostly rejected) */
  exitCode?: number;
  messageIncludes: string[];
  rejected: number;
  loaded?: number;
  duplicates?: number;
  reasonIncludes?: string;
  warning?: string;
  unknownStages?: string[];
  encoding?: string;
  delimiter?: string;
  generated?: boolean;
  directory?: boolean;
}

const bad = (relative: string) => fileURLToPath(new URL(`../fixtures/bad/${relative}`, import.meta.url));
const expectations = JSON.parse(readFileSync(bad('expected.json'), 'utf8')) as BadExpectation[];
const config = parseConfig({});

async function pathOf(e: BadExpectation): Promise<string> {
  return e.generated ? writeLargeFieldFixture() : bad(e.file);
}

async function attempt(wh: Warehouse, path: string, maxRejectRate?: number): Promise<LoadSummary | UserError> {
  try {
    return await loadFiles(wh, config, { paths: [path], crm: 'auto', maxRejectRate });
  } catch (error) {
    // Anything but a UserError is a crash: let it fail the test as is.
    if (error instanceof UserError) return error;
    throw error;
  }
}

describe('the bad-input corpus', () => {
  it.each(expectations)('$file: $outcome', async (e) => {
    const wh = await openTestWarehouse();
    const before = await warehouseContents(wh);
    let result = await attempt(wh, await pathOf(e));
    if (e.outcome === 'error') {
      expect(result).toBeInstanceOf(UserError);
      for (const fragment of e.messageIncludes) expect((result as UserError).message).toContain(fragment);
      expect((result as UserError).exitCode).toBe(e.exitCode ?? 1);
      expect(await warehouseContents(wh)).toEqual(before);
      if (e.exitCode !== 3) return;
      // refused for its reject rate only: allowed every reject, it loads with the rows listed
      result = await attempt(wh, await pathOf(e), 1);
    }
    if (result instanceof UserError) throw result;
    const files = result.files;
    expect(files).toHaveLength(1);
    const file = files[0]!;
    expect(file.read).toBe(file.loaded + file.rejected + file.duplicates);
    expect({ loaded: file.loaded, rejected: file.rejected, duplicates: file.duplicates }).toEqual({
      loaded: e.loaded,
      rejected: e.rejected,
      duplicates: e.duplicates ?? 0,
    });
    if (e.encoding) expect(file.encoding).toBe(e.encoding);
    if (e.delimiter) {
      const run = await wh.one<{ delimiter: string }>(`select delimiter from load_runs`);
      expect(run!.delimiter).toBe(e.delimiter);
    }
    const rejects = await wh.all<{ line_number: number | null; reason: string }>(`select line_number, reason from rejected_rows order by line_number`);
    expect(rejects).toHaveLength(e.rejected);
    for (const r of rejects) {
      expect(r.line_number).toBeGreaterThan(1);
      if (e.reasonIncludes) expect(r.reason).toContain(e.reasonIncludes);
    }
    if (e.warning) expect([...result.warnings, ...result.unknownStageValues].join('\n')).toContain(e.warning);
    if (e.unknownStages) expect(result.unknownStageValues).toEqual([...e.unknownStages].sort());
  });
});
