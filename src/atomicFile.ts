/**
 * Files appear whole or not at all: each is written to a temporary name in its target folder and
 * renamed into place, so a reader on a shared drive never opens half a report or export.
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** `write` fills the temporary path (by Node or by DuckDB's COPY); it is renamed to `path` after. */
export async function writeFileAtomically(path: string, write: (temporary: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    await write(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export const writeAtomically = (path: string, content: string | Uint8Array): Promise<void> =>
  writeFileAtomically(path, (temporary) => writeFile(temporary, content));
