/**
 * First look at an input file, before DuckDB reads it: size, checksum, binary or gzip, encoding,
 * delimiter, header, stray NULs and how it ends (content.ts reads the bytes). Decides only what
 * must be known up front; the rows themselves are parsed in DuckDB.
 */
import type { Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { dataError } from '../errors.js';
import {
  binaryNulShare,
  binarySignature,
  type Compression,
  type ContentScan,
  GzipError,
  isGzip,
  scanContent,
  tailBytes,
  utf16Order,
  withoutNuls,
} from './content.js';
import { parseFirstRecord, parseRecords } from './csvRecord.js';
import { finalRecordWithoutLineEnd } from './cutRecord.js';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface FileInspection {
  path: string;
  size: number;
  checksum: string;
  encoding: Encoding;
  delimiter: string;
  header: string[];
  /** lines before the header: leading blank lines and Excel's `sep=;` hint */
  skipLines: number;
  /** CRLF and bare LF line ends in one file (DuckDB's strict reader refuses the mix) */
  mixedNewlines: boolean;
  /** the first few records after the header, trimmed: values that give a file's source away (ids) */
  sample: string[][];
  /** 'gzip' when the file is a gzip stream: its content is what it unpacks to */
  compression?: Compression;
  /** stray NUL bytes in the text (never in UTF-16), dropped by the UTF-8 copy */
  nuls: number;
  /** the last record's text when the content does not end with a line end (see cutRecord.ts) */
  cutRecord?: string;
}

/** Records read in JavaScript for format detection: a handful, never the file. */
const SAMPLE_RECORDS = 20;

const HEAD_BYTES = 1 << 20;
const delimiters = [',', ';', '\t', '|'];

export function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  return utf16Order(head) ?? (isValidUtf8(head) ? 'utf-8' : 'windows-1252');
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    // A multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(trimPartialUtf8(bytes));
    return true;
  } catch {
    return false;
  }
}

function trimPartialUtf8(bytes: Buffer): Buffer {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte
    if (byte >= 0xc0) end -= back; // lead byte of a possibly cut character
    break;
  }
  return bytes.subarray(0, end);
}

export function decodeHead(head: Buffer, encoding: Encoding): string {
  const text = iconv.decode(head, encoding === 'utf-8-bom' ? 'utf-8' : encoding);
  return text.replace(/^\uFEFF/, '');
}

/** The delimiter that splits the header line into the most fields (outside quotes). */
export function sniffDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of delimiters) {
    const count = parseFirstRecord(firstLine, candidate).fields.length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

export async function inspectFile(path: string): Promise<FileInspection> {
  const size = await regularFileSize(path);
  if (size === 0) throw dataError(`${path}: the file is empty (0 bytes)`);
  const start = await readStart(path, 16);
  const compression = isGzip(start) ? 'gzip' : undefined;
  if (!compression) refuseBinary(path, start);
  const scan = await scanContent(path, size, compression, HEAD_BYTES).catch((error: unknown) => {
    if (error instanceof GzipError) throw dataError(`${path}: gzip-compressed, but ${error.message}; not loaded`);
    throw error;
  });
  if (compression) {
    if (scan.bytes === 0) throw dataError(`${path}: unpacks to an empty file (0 bytes)`);
    refuseBinary(path, scan.head, 'unpacks to binary content');
  }
  return inspectionOf(path, size, compression, scan);
}

/**
 * The inspection of a file DuckDB can read as it is, taken from its first MiB and its last 64 KiB,
 * with the scan of all its bytes (checksum, NULs) still running: `whole` is what inspectFile
 * gives, and the caller must await it before keeping or reporting anything of the file (a NUL
 * further in means it needs the UTF-8 copy after all). Undefined for any other file (gzip,
 * another encoding, NULs or mixed line ends in the head, no more than the head), which is
 * inspected whole first. The hash is about a second of one core per 500 MB, taken while DuckDB reads.
 */
export async function inspectAhead(path: string): Promise<{ inspection: FileInspection; whole: Promise<FileInspection> } | undefined> {
  const size = await regularFileSize(path);
  if (size <= HEAD_BYTES + tailBytes) return undefined;
  const head = await readRange(path, 0, HEAD_BYTES);
  if (isGzip(head) || binarySignature(head) || head.indexOf(0) !== -1) return undefined;
  const tail = await readRange(path, size - tailBytes, tailBytes);
  let inspection: FileInspection;
  try {
    inspection = inspectionOf(path, size, undefined, { checksum: '', head, tail, bytes: size, nuls: 0, stoppedAtNuls: false });
  } catch {
    // whatever is wrong with it, the whole scan says it in the order it always has
    return undefined;
  }
  if (inspection.encoding !== 'utf-8' || inspection.mixedNewlines) return undefined;
  const whole = inspectFile(path);
  // awaited by the caller after DuckDB's read; until then a failure must not count as unhandled
  whole.catch(() => undefined);
  return { inspection, whole };
}

/** What the first and last bytes of the content say about the file: encoding, header, sample, how it ends. */
function inspectionOf(path: string, size: number, compression: Compression | undefined, scan: ContentScan): FileInspection {
  const encoding = detectEncoding(scan.head);
  if (scan.stoppedAtNuls || scan.nuls > scan.bytes * binaryNulShare) {
    const counted = scan.stoppedAtNuls ? `at least ${scan.nuls}` : `${scan.nuls}`;
    throw dataError(`${path}: binary content (NUL bytes): ${counted} of ${scan.bytes} bytes are NUL, not a CSV export`);
  }
  const head = scan.nuls > 0 ? withoutNuls(scan.head) : scan.head;
  const decoded = decodeHead(head, encoding);
  const { text, skipLines, declared } = skipPreamble(decoded);
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? '';
  const delimiter = declared ?? sniffDelimiter(firstLine);
  const [fields = [''], ...sample] = parseRecords(text, delimiter, SAMPLE_RECORDS + 1);
  const header = fields.map((f) => f.trim());
  if (header.every((h) => h === '')) {
    throw dataError(`${path}: the first line has no column names`);
  }
  const mixedNewlines = /\r\n/.test(decoded) && /(^|[^\r])\n/.test(decoded);
  const cutRecord = finalRecordWithoutLineEnd(scan.tail, scan.bytes, encoding);
  return {
    path,
    size,
    checksum: scan.checksum,
    encoding,
    delimiter,
    header,
    skipLines,
    mixedNewlines,
    ...(compression ? { compression } : {}),
    nuls: scan.nuls,
    ...(cutRecord !== undefined ? { cutRecord } : {}),
    sample: sample.map((record) => record.map((v) => v.trim())),
  };
}

/** The file's size; a path that is not a readable regular file (a folder, a pipe, a broken link) is the user's to fix. */
async function regularFileSize(path: string): Promise<number> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ELOOP' ? 'a link that loops back on itself' : code === 'ENOENT' ? 'no such file (a broken link?)' : `cannot be read (${code ?? 'error'})`;
    throw dataError(`${path}: ${why}`);
  }
  // reading a named pipe or a device would wait forever or never end
  if (!info.isFile()) throw dataError(`${path}: not a regular file`);
  return info.size;
}

const readStart = (path: string, bytes: number) => readRange(path, 0, bytes);

async function readRange(path: string, position: number, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function refuseBinary(path: string, head: Buffer, what = 'binary content'): void {
  const kind = binarySignature(head);
  if (kind) throw dataError(`${path}: ${what}: ${kind}, not a CSV export`);
}

/** Leading blank lines and an Excel `sep=;` line are not the header: skip them (and obey sep=). */
export function skipPreamble(text: string): { text: string; skipLines: number; declared?: string } {
  let rest = text;
  let skipLines = 0;
  let declared: string | undefined;
  for (;;) {
    const match = /^([ \t]*|sep=(.))(\r\n|\n|\r)/i.exec(rest);
    if (!match || (declared !== undefined && match[2] !== undefined)) break;
    if (match[2] !== undefined) declared = match[2];
    rest = rest.slice(match[0].length);
    skipLines++;
  }
  return { text: rest, skipLines, declared };
}
