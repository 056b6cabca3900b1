/**
 * First look at an input file, before DuckDB reads it: size, checksum, encoding, delimiter and
 * header. Decides only what must be known up front; the rows themselves are parsed in DuckDB.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { dataError } from '../errors.js';
import { parseFirstRecord } from './csvRecord.js';

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
}

const HEAD_BYTES = 1 << 20;
const delimiters = [',', ';', '\t', '|'];

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  // 1 MiB reads: a tenth of the calls of the default 64 KiB on a large export
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function detectEncoding(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // UTF-16 without a BOM: every other byte of an ASCII header is NUL
  if (head.length >= 4 && head[1] === 0 && head[3] === 0 && head[0] !== 0) return 'utf-16le';
  if (head.length >= 4 && head[0] === 0 && head[2] === 0 && head[1] !== 0) return 'utf-16be';
  return isValidUtf8(head) ? 'utf-8' : 'windows-1252';
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
  return { ...(await inspectHead(path)), checksum: await sha256File(path) };
}

/** Everything `inspectFile` finds but the checksum, which the load computes while DuckDB reads the file. */
export async function inspectHead(path: string): Promise<Omit<FileInspection, 'checksum'>> {
  const { size } = await stat(path);
  if (size === 0) throw dataError(`${path}: the file is empty (0 bytes)`);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const encoding = detectEncoding(head);
  if (!encoding.startsWith('utf-16') && head.includes(0)) {
    throw dataError(`${path}: binary content (NUL bytes), not a CSV export`);
  }
  const decoded = decodeHead(head, encoding);
  const { text, skipLines, declared } = skipPreamble(decoded);
  const firstLine = text.split(/\r?\n|\r/, 1)[0] ?? '';
  const delimiter = declared ?? sniffDelimiter(firstLine);
  const { fields } = parseFirstRecord(text, delimiter);
  const header = fields.map((f) => f.trim());
  if (header.every((h) => h === '')) {
    throw dataError(`${path}: the first line has no column names`);
  }
  const mixedNewlines = /\r\n/.test(decoded) && /(^|[^\r])\n/.test(decoded);
  return { path, size, encoding, delimiter, header, skipLines, mixedNewlines };
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
