/**
 * The bytes of an input file, read once before DuckDB sees it: its checksum, whether it is a
 * binary file or a gzip stream, how many NUL bytes its text holds and how it ends. One streaming
 * pass (two for gzip: the checksum is of the file, the rest of what it unpacks to); NULs are found
 * with Buffer.indexOf per chunk, so a text file without any costs one native scan.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

export type Compression = 'gzip';

/**
 * Signatures of files that reach an inbox under a .csv name and are not text; long enough that no
 * header starts so (null: any byte).
 */
const signatures: { name: string; bytes: (number | null)[] }[] = [
  { name: 'a ZIP archive (an .xlsx workbook is one)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'an empty ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'a legacy Excel workbook (.xls)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [...Buffer.from('GIF8'), null, 0x61] },
  // PAR1, then the first page header (Thrift compact: a field header byte, never printable text)
  { name: 'a Parquet file', bytes: [0x50, 0x41, 0x52, 0x31, 0x15] },
  { name: 'a SQLite database', bytes: [...Buffer.from('SQLite format 3\0')] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'an xz-compressed file', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'a bzip2-compressed file', bytes: [...Buffer.from('BZh'), null, ...Buffer.from('1AY&SY')] },
  { name: 'a zstd-compressed file', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  // only ever met inside a gzip stream: a gzip file is unpacked before this list is consulted
  { name: 'another gzip stream (compressed twice)', bytes: [0x1f, 0x8b, 0x08] },
];

/** UTF-16 by its BOM, or without one by the NUL in every other byte of an ASCII start. */
export function utf16Order(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  if (head.length >= 4 && head[1] === 0 && head[3] === 0 && head[0] !== 0) return 'utf-16le';
  if (head.length >= 4 && head[0] === 0 && head[2] === 0 && head[1] !== 0) return 'utf-16be';
  return null;
}

export const isGzip = (head: Buffer) => head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;

/** What binary file `head` starts like, or null for anything that may be text. */
export function binarySignature(head: Buffer): string | null {
  const match = signatures.find((s) => head.length >= s.bytes.length && s.bytes.every((b, i) => b === null || head[i] === b));
  return match?.name ?? null;
}

/** Above this share of NUL bytes a file is binary, not text with stray NULs. */
export const binaryNulShare = 0.1;

export interface ContentScan {
  /** SHA-256 of the file's own bytes (compressed as it is) */
  checksum: string;
  /** the first `headBytes` of the content */
  head: Buffer;
  /** bytes of content (unpacked for gzip) */
  bytes: number;
  /** NUL bytes in the content; 0 for UTF-16, where they are part of the encoding */
  nuls: number;
  /** the content's last bytes (up to 64 KiB), to see how it ends */
  tail: Buffer;
  /** the scan stopped early: NULs already passed the binary share of the whole file */
  stoppedAtNuls: boolean;
}

export class GzipError extends Error {}

const zeroRun = Buffer.alloc(4096);

/** NUL bytes in `chunk`; a zero-filled run (a preallocated, half-written file) is counted 4 KiB at a time. */
export function countNuls(chunk: Buffer): number {
  let n = 0;
  let at = chunk.indexOf(0);
  while (at !== -1) {
    const run = at + zeroRun.length <= chunk.length && chunk.subarray(at, at + zeroRun.length).equals(zeroRun) ? zeroRun.length : 1;
    n += run;
    at = chunk.indexOf(0, at + run);
  }
  return n;
}

/** `bytes` without its NUL bytes (one copy per run of text between them). */
export function withoutNuls(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = bytes.indexOf(0); at !== -1; at = bytes.indexOf(0, from)) {
    parts.push(bytes.subarray(from, at));
    from = at + 1;
  }
  parts.push(bytes.subarray(from));
  return Buffer.concat(parts);
}

/** How much of the content's end is kept to see how it ends (cutRecord.ts). */
export const tailBytes = 64 << 10;

/** Chunks of 1 MiB: hashing and scanning 64 KiB ones (the stream's default) cost twice the CPU. */
const chunkBytes = 1 << 20;

/** Collects head, tail, byte and NUL counts of a stream of content chunks. */
function contentCollector(headBytes: number) {
  const heads: Buffer[] = [];
  let headLength = 0;
  const recent: Buffer[] = [];
  let recentLength = 0;
  let bytes = 0;
  let nuls = 0;
  // half of UTF-16 text is NUL bytes: they are its encoding, not stray, and not counted
  let counting: boolean | undefined;
  return {
    add(chunk: Buffer): void {
      counting ??= utf16Order(chunk) === null;
      if (headLength < headBytes) {
        heads.push(chunk.subarray(0, headBytes - headLength));
        headLength += Math.min(chunk.length, headBytes - headLength);
      }
      recent.push(chunk);
      recentLength += chunk.length;
      while (recentLength - recent[0]!.length >= tailBytes) recentLength -= recent.shift()!.length;
      bytes += chunk.length;
      if (counting && chunk.indexOf(0) !== -1) nuls += countNuls(chunk);
    },
    nuls: () => nuls,
    result: () => ({ head: Buffer.concat(heads), tail: Buffer.concat(recent).subarray(-tailBytes), bytes, nuls }),
  };
}

export async function scanContent(path: string, size: number, compression: Compression | undefined, headBytes: number): Promise<ContentScan> {
  const hash = createHash('sha256');
  const content = contentCollector(headBytes);
  if (!compression) {
    // past this many NULs the file is binary whatever the rest holds: no need to read on
    const binaryAt = Math.floor(size * binaryNulShare) + 1;
    for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) {
      hash.update(chunk as Buffer);
      content.add(chunk as Buffer);
      if (content.nuls() >= binaryAt) return { checksum: '', ...content.result(), stoppedAtNuls: true };
    }
    return { checksum: hash.digest('hex'), ...content.result(), stoppedAtNuls: false };
  }
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      content.add(chunk);
      done();
    },
  });
  const hashing = (async () => {
    for await (const chunk of createReadStream(path, { highWaterMark: chunkBytes })) hash.update(chunk as Buffer);
  })();
  const unpacking = pipeline(createReadStream(path), createGunzip(), sink).catch((error: unknown) => {
    throw new GzipError(gunzipReason(error));
  });
  await Promise.all([hashing, unpacking]);
  return { checksum: hash.digest('hex'), ...content.result(), stoppedAtNuls: false };
}

/** zlib's error in words: a cut-off stream is the common case (the copy had not finished). */
function gunzipReason(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(message ?? ''))
    return 'the compressed data is cut short (still being copied, or an incomplete download)';
  return `the compressed data is damaged (${message ?? String(error)})`;
}
