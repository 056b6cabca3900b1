/**
 * DuckDB out of memory, in one line a person can act on. DuckDB fails a query when what it must
 * hold exceeds the memory limit and it cannot spill (to the temp directory) what it holds; its
 * own message suggests SQL settings, which a CLI user cannot type. The work was one transaction,
 * rolled back, so the warehouse is as it was.
 */
import { UserError } from '../errors.js';
import { runResources } from './runResources.js';

const outOfMemory = /Out of Memory Error|could not allocate|failed to allocate/i;

/** The limit as the user wrote it, else as DuckDB's message states it ("(9.4 MiB/9.5 MiB used)"). */
function limitNow(message: string): string {
  const set = runResources().memoryLimit;
  if (set) return set;
  const stated = /\([\d.]+ ?[A-Za-z]+\/([\d.]+ ?[A-Za-z]+) used\)/.exec(message);
  return stated ? stated[1]! : "DuckDB's default, 80% of RAM";
}

/** DuckDB spills next to a file warehouse (`<file>.tmp`) and to `.tmp` for one in memory. */
const tempDirectory = (path: string) => runResources().tempDir ?? (path === ':memory:' ? '.tmp' : `${path}.tmp`);

export function outOfMemoryError(cause: Error, path: string): UserError | undefined {
  if (!outOfMemory.test(cause.message)) return undefined;
  const error = new UserError(`out of memory: raise --memory-limit (now ${limitNow(cause.message)}) or free disk in TEMP (${tempDirectory(path)})`, 1);
  // --debug prints the stack: it shows which query ran out, in DuckDB's words
  error.stack = `${error.stack}\nCaused by: ${cause.stack}`;
  return error;
}
