/** Expands FILE|DIR arguments into the export files to load, in a stable order. */
import type { Dirent, Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dataError } from '../errors.js';

/** Export names: .csv, .tsv, .txt, each also gzip-compressed (.csv.gz), as many exports arrive. */
export const isExportName = (name: string) => /\.(csv|tsv|txt)(\.gz)?$/i.test(name);

export interface ExpandedInputs {
  files: string[];
  /** files in a folder that are not exports (README, spreadsheets, images), left alone */
  skipped: string[];
}

export interface FolderEntry {
  path: string;
  /** the entry itself: a link is a link here, not what it points to */
  entry: Dirent;
}

/** Every entry below `folder` but folders and hidden names, by name, subfolders in place. Links to folders are not entered. */
export async function walkFolder(folder: string): Promise<FolderEntry[]> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const found: FolderEntry[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walkFolder(path)));
    else found.push({ path, entry });
  }
  return found;
}

export async function expandInputs(paths: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    let info: Stats;
    try {
      info = await stat(path);
    } catch {
      throw dataError(`${path}: no such file or folder`);
    }
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    for (const { path: inner, entry } of await walkFolder(path)) {
      // a pipe or socket named .csv would block the read forever
      if ((entry.isFile() || entry.isSymbolicLink()) && isExportName(entry.name)) files.push(inner);
      else skipped.push(inner);
    }
  }
  return { files, skipped };
}
