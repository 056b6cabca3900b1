/**
 * Checks over a whole load, run inside its transaction before the commit: a load that fails one
 * commits nothing, so a file refused here is not marked as loaded and loads again once fixed.
 */
import type { Warehouse } from '../db/connection.js';
import { UserError } from '../errors.js';
import type { FileSummary } from './load.js';

/** A file with more than this share of its rows rejected fails the load (`--max-reject-rate`). */
export const defaultMaxRejectRate = 0.5;

/** How many rejected rows of a failing file the message shows; `rejects` lists them all after a fix. */
const reasonsShown = 5;

/** A reason quotes the CRM's value: its control characters are shown, never sent to the terminal. */
const visible = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

const pct = (rate: number) => `${Number((rate * 100).toFixed(2))}%`;

/** Exit 3 naming every file whose rows were mostly rejected, with its first reasons. */
export async function assertRejectRates(wh: Warehouse, files: readonly FileSummary[], maxRate: number): Promise<void> {
  const failing = files.filter((f) => f.loadId !== undefined && f.read > 0 && f.rejected / f.read > maxRate);
  if (failing.length === 0) return;
  const blocks: string[] = [];
  for (const file of failing) {
    // read before the rollback: afterwards these rows are gone with the rest of the load
    const reasons = await wh.all<{ line: number | null; reason: string }>(
      `select line_number as line, reason from rejected_rows where load_id = $id order by line_number nulls last limit ${reasonsShown}`,
      { id: file.loadId! },
    );
    blocks.push(
      `${file.path}: ${file.rejected} of ${file.read} rows rejected (${pct(file.rejected / file.read)}); first reasons:\n` +
        reasons.map((r) => `  line ${r.line ?? '?'}: ${visible(r.reason)}`).join('\n'),
    );
  }
  throw new UserError(
    `${blocks.join('\n')}\nmore than ${pct(maxRate)} of a file's rows were rejected (--max-reject-rate ${pct(maxRate)}), ` +
      `so nothing was loaded and no file is marked as loaded. Fix the file or the config and load again, ` +
      `or pass a higher --max-reject-rate to load it anyway.`,
    3,
  );
}

/** A per-file error in a load of several files rolls all of them back: the message says so. */
export function rolledBackError(error: unknown, fileCount: number, suggestSkipUnknown: boolean): unknown {
  if (!(error instanceof UserError) || fileCount < 2 || /nothing was loaded/.test(error.message)) return error;
  const hint = suggestSkipUnknown && /no known export format/.test(error.message) ? ' (--skip-unknown loads the others and lists what it skipped)' : '';
  return new UserError(`${error.message}\nNothing was loaded: the load of ${fileCount} files was rolled back as a whole${hint}.`, error.exitCode);
}
