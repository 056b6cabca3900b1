/**
 * A file that does not end with a line end may have been cut while it was being copied: its last
 * record (`L1,customer,2026-10-3`) can parse as a valid but wrong value, and since events only
 * accumulate, that wrong value would outlive the complete file. So the last record of such a file
 * is rejected as cut off; the complete file, loaded later, brings it in whole. A file whose only
 * line is its header has no record to reject and loads as before.
 */
import iconv from 'iconv-lite';
import type { Warehouse } from '../db/connection.js';
import type { Encoding } from './inspect.js';

export const cutRecordReason =
  'cut off: the file ends inside this record, without a line end (a copy still in progress?); if the file is complete, end it with a newline';

/**
 * The text of the final record when `tail` (the content's last bytes, `total` in all) does not end
 * with a line end: the whole last line, or its end when the line is longer than the tail. Undefined
 * when the content ends with a line end, or with blank space only.
 */
export function finalRecordWithoutLineEnd(tail: Buffer, total: number, encoding: Encoding): string | undefined {
  let bytes = tail;
  // UTF-16 code units start at even offsets of the content
  if (encoding.startsWith('utf-16') && (total - bytes.length) % 2 === 1) bytes = bytes.subarray(1);
  const text = iconv.decode(bytes, encoding === 'utf-8-bom' ? 'utf-8' : encoding, { stripBOM: true }).replaceAll('\0', '');
  if (/[\r\n]$/.test(text) || text.trim() === '') return undefined;
  const lineStart = Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
  if (lineStart > 0 || bytes.length === total) return text.slice(lineStart);
  // the tail starts inside the line, maybe inside a character: keep only whole characters
  return text.slice(2);
}

/**
 * Rejects the file's last record in `typed_rows` (its highest rowid, in file order) unless the
 * reader already refused it (then the last record in `reject_errors` ends with the same text).
 * Returns whether a row that passed until now was rejected. Runs before duplicates are marked.
 */
export async function rejectCutRecord(wh: Warehouse, text: string): Promise<boolean> {
  const readerRefused = await wh.one<{ refused: boolean }>(
    `select count(*) > 0 as refused from reject_errors
     where line = (select max(line) from reject_errors) and ends_with(csv_line, $text)`,
    { text },
  );
  if (readerRefused!.refused) return false;
  const last = await wh.one<{ n: number; fresh: boolean }>(
    `select count(*)::int as n, bool_and(__reject is null) as fresh from typed_rows where rowid = (select max(rowid) from typed_rows)`,
  );
  if (last!.n === 0) return false;
  // a cut record's other faults (a date cut short) come from the cut: the cut is its reason
  await wh.run(`update typed_rows set __reject = $reason where rowid = (select max(rowid) from typed_rows)`, { reason: cutRecordReason });
  return last!.fresh;
}
