/**
 * Ctrl-C (SIGINT): the running query is interrupted, the transaction it was in rolls back like
 * after any other error, and the command exits 130 with one line saying what was kept. A second
 * Ctrl-C exits at once: DuckDB's write-ahead log still leaves the warehouse as of its last commit.
 */
import { interruptQueries, wasInterrupted } from './db/queryProgress.js';

export const interruptedExitCode = 130;

const nothingWritten = 'nothing was written: the warehouse is as it was before this command';
let kept = nothingWritten;

/** What an interrupt from now on leaves behind, for its message (a load says so once it committed). */
export function setInterruptNote(note: string | undefined): void {
  kept = note ?? nothingWritten;
}

export const interruptedMessage = (): string => `interrupted (Ctrl-C): ${kept}`;

export { wasInterrupted };

/** Listens for Ctrl-C for the length of a command; returns the function that stops listening. */
export function handleCtrlC(): () => void {
  const onSigint = () => {
    if (wasInterrupted()) process.exit(interruptedExitCode);
    interruptQueries();
  };
  process.on('SIGINT', onSigint);
  return () => {
    process.off('SIGINT', onSigint);
    setInterruptNote(undefined);
  };
}
