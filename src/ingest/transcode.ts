/**
 * Files DuckDB's reader cannot take as they are get a temporary UTF-8 copy: a gzip stream is
 * unpacked, other encodings are converted, stray NUL bytes are dropped (and counted), and a file
 * that mixes CRLF and bare LF line ends (edited on two systems) gets LF throughout, since the
 * strict reader stops on the mix.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { createGunzip } from 'node:zlib';
import { withoutNuls } from './content.js';
import type { FileInspection } from './inspect.js';

export interface Readable {
  path: string;
  /** NUL bytes left out of the copy (0 when the file is read as it is) */
  nulsDropped: number;
  cleanup(): Promise<void>;
}

/** Drops NUL bytes from a UTF-8 stream (a NUL byte is always U+0000 there), counting them. */
function dropNuls(counter: { dropped: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      const kept = withoutNuls(chunk);
      counter.dropped += chunk.length - kept.length;
      done(null, kept);
    },
  });
}

/** CRLF → LF on a UTF-8 stream; a CR at the end of one chunk waits for the next. */
function crlfToLf(): Transform {
  let pendingCr = false;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      let text = (pendingCr ? '\r' : '') + chunk.toString('latin1');
      pendingCr = text.endsWith('\r');
      if (pendingCr) text = text.slice(0, -1);
      done(null, Buffer.from(text.replace(/\r\n/g, '\n'), 'latin1'));
    },
    flush(done) {
      done(null, pendingCr ? Buffer.from('\r', 'latin1') : undefined);
    },
  });
}

type CopyNeeds = Pick<FileInspection, 'path' | 'encoding' | 'mixedNewlines' | 'compression' | 'nuls'>;

export async function utf8Copy(file: CopyNeeds): Promise<Readable> {
  const { path, encoding, mixedNewlines, compression, nuls } = file;
  const utf16 = encoding.startsWith('utf-16');
  if (encoding === 'utf-8' && !mixedNewlines && !compression && nuls === 0) return { path, nulsDropped: 0, cleanup: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'revops-load-'));
  const target = join(dir, 'utf8.csv');
  const counter = { dropped: 0 };
  const stages: NodeJS.ReadWriteStream[] = [];
  if (compression === 'gzip') stages.push(createGunzip());
  // iconv strips a BOM while decoding, so the copy starts with the header itself
  if (encoding !== 'utf-8') stages.push(iconv.decodeStream(encoding === 'utf-8-bom' ? 'utf-8' : encoding), iconv.encodeStream('utf-8'));
  // after decoding, a NUL is the character U+0000 in any encoding; UTF-16 is scanned only here
  if (nuls > 0 || utf16) stages.push(dropNuls(counter));
  if (mixedNewlines) stages.push(crlfToLf());
  try {
    await pipeline(createReadStream(path), ...(stages as [NodeJS.ReadWriteStream]), createWriteStream(target));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { path: target, nulsDropped: counter.dropped, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
