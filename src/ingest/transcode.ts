/**
 * Files DuckDB's reader cannot take as they are get a temporary UTF-8 copy: other encodings are
 * converted, and a file that mixes CRLF and bare LF line ends (edited on two systems) gets LF
 * throughout, since the strict reader stops on the mix.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { Encoding } from './inspect.js';

export interface Readable {
  path: string;
  cleanup(): Promise<void>;
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

export async function utf8Copy(path: string, encoding: Encoding, mixedNewlines = false): Promise<Readable> {
  if (encoding === 'utf-8' && !mixedNewlines) return { path, cleanup: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'revops-load-'));
  const target = join(dir, 'utf8.csv');
  const stages: NodeJS.ReadWriteStream[] = [];
  // iconv strips a BOM while decoding, so the copy starts with the header itself
  if (encoding !== 'utf-8') stages.push(iconv.decodeStream(encoding === 'utf-8-bom' ? 'utf-8' : encoding), iconv.encodeStream('utf-8'));
  if (mixedNewlines) stages.push(crlfToLf());
  await pipeline(createReadStream(path), ...(stages as [NodeJS.ReadWriteStream]), createWriteStream(target));
  return { path: target, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
