/** What `load` says when a file's rows are counted: on the progress line, and as a `file-loaded` event. */
import type { FileSummary } from '../ingest/load.js';

/** Rejected rows as a share of the rows read, in per cent with two decimals (0 for an empty file). */
export const rejectedPercent = (file: FileSummary): number => (file.read > 0 ? Math.round((file.rejected / file.read) * 10_000) / 100 : 0);

const count = (n: number) => n.toLocaleString('en-US');

export function fileLoadedMessage(file: FileSummary, index: number, total: number): string {
  const head = `[${index + 1}/${total}] ${file.path}`;
  if (file.skipped) return `${head}: skipped, ${file.skipped}`;
  return `${head}: ${count(file.read)} rows read, ${count(file.rejected)} rejected (${rejectedPercent(file)}%)`;
}

export const fileLoadedFields = (file: FileSummary, index: number, total: number) => ({
  file: file.path,
  fileIndex: index + 1,
  files: total,
  read: file.read,
  loaded: file.loaded,
  rejected: file.rejected,
  duplicates: file.duplicates,
  rejectedPercent: rejectedPercent(file),
  ...(file.skipped ? { skipped: file.skipped } : {}),
});
