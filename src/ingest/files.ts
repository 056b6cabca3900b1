/** Expands FILE|DIR arguments into the export files to load, in a stable order. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { dataError } from '../errors.js';

const exportExtensions = new Set(['.csv', '.tsv', '.txt']);

export interface ExpandedInputs {
  files: string[];
  /** files in a folder that are not exports (README, spreadsheets, images), left alone */
  skipped: string[];
}

export async function expandInputs(paths: string[]): Promise<ExpandedInputs> {
  const files: string[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw dataError(`${path}: no such file or folder`);
    }
    if (info.isDirectory()) {
      const inner = await expandFolder(path);
      files.push(...inner.files);
      skipped.push(...inner.skipped);
    } else files.push(path);
  }
  return { files, skipped };
}

async function expandFolder(folder: string): Promise<ExpandedInputs> {
  const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const result: ExpandedInputs = { files: [], skipped: [] };
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      const inner = await expandFolder(path);
      result.files.push(...inner.files);
      result.skipped.push(...inner.skipped);
    } else if (exportExtensions.has(extname(entry.name).toLowerCase())) result.files.push(path);
    else result.skipped.push(path);
  }
  return result;
}
