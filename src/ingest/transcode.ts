/** Files that are not plain UTF-8 are converted to a temporary UTF-8 copy for DuckDB's reader. */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { Encoding } from './inspect.js';

export interface Readable {
  path: string;
  cleanup(): Promise<void>;
}

export async function utf8Copy(path: string, encoding: Encoding): Promise<Readable> {
  if (encoding === 'utf-8') return { path, cleanup: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'revops-load-'));
  const target = join(dir, 'utf8.csv');
  // iconv strips a BOM while decoding, so the copy starts with the header itself
  await pipeline(createReadStream(path), iconv.decodeStream(encoding === 'utf-8-bom' ? 'utf-8' : encoding), iconv.encodeStream('utf-8'), createWriteStream(target));
  return { path: target, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
