/**
 * The files a load reads, from its FILE|DIR arguments. A folder with no export in it is an error
 * (a typo'd or emptied folder must not look like a load that worked), unless the caller expects
 * empty folders, as the scheduled build does with an inbox on a night with nothing new.
 */
import { dataError } from '../errors.js';
import { type ExpandedInputs, expandInputs } from './files.js';

export async function expandLoadInputs(paths: readonly string[], emptyFolderOk = false): Promise<ExpandedInputs> {
  const result: ExpandedInputs = { files: [], skipped: [] };
  for (const path of paths) {
    const inner = await expandInputs([path]);
    // a file argument always comes back as a file: only a folder can come back empty
    if (inner.files.length === 0 && !emptyFolderOk) {
      const found = inner.skipped.length ? `; it holds only ${inner.skipped.slice(0, 5).join(', ')}${inner.skipped.length > 5 ? ', …' : ''}` : '';
      throw dataError(`${path}: no CSV export (.csv, .tsv, .txt) in this folder${found}. Nothing was loaded.`);
    }
    result.files.push(...inner.files);
    result.skipped.push(...inner.skipped);
  }
  return result;
}
