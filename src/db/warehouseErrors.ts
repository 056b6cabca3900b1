/**
 * DuckDB's errors about the warehouse file itself, in words a person can act on: the file held
 * by another process (exit 75, try again later, as a scheduler understands), a full disk, and
 * running out of memory (outOfMemory.ts).
 * Anything else is passed on as it is.
 */
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import { outOfMemoryError } from './outOfMemory.js';

export function explainWarehouseError(error: unknown, path: string): unknown {
  if (error instanceof UserError || !(error instanceof Error)) return error;
  const message = error.message;
  const lock = /Could not set lock on file .*?Conflicting lock is held in (.*?) \(PID (\d+)\)/s.exec(message);
  if (lock || /Could not set lock on file/.test(message)) {
    const holder = lock ? ` (process ${lock[2]}, ${basename(lock[1]!)})` : '';
    return new UserError(
      `the warehouse ${path} is in use by another process${holder}, most likely a build or load still running. Try again when it has finished.`,
      75,
    );
  }
  if (/No space left on device|disk is full|ENOSPC/i.test(message)) {
    return new UserError(
      `the disk holding the warehouse ${path} is full (${message.split('\n')[0]}). ` +
        `Nothing was written: the work was rolled back. Free some space and run again.`,
      1,
    );
  }
  return outOfMemoryError(error, path) ?? error;
}
