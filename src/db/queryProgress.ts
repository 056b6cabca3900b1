/**
 * What a running query is doing, and stopping it. DuckDB tracks a query's progress (rows
 * processed of rows to process) while it runs on its own threads; a timer reads it for the one
 * listener the command line sets (src/progress.ts draws or logs it). Ctrl-C interrupts every open
 * connection: the running query fails with DuckDB's interrupt error, and the transaction it was in
 * rolls back like after any other error.
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export interface QueryProgress {
  /** 0–100 */
  percentage: number;
  rowsProcessed: number;
  rowsTotal: number;
  /** how long the query has been running */
  elapsedSeconds: number;
}

export type QueryProgressListener = (progress: QueryProgress) => void;

/** How often a running query's progress is read: the listener throttles what it shows further. */
const pollMs = 100;

let listener: QueryProgressListener | undefined;
let interrupted = false;
const open = new Set<DuckDBConnection>();

/** Set before opening the warehouse: connections opened afterwards track progress (it costs a little). */
export function onQueryProgress(next: QueryProgressListener | undefined): void {
  listener = next;
}

/** Thrown instead of starting a query (or a commit) once the run was interrupted. */
export class QueryInterrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'QueryInterrupted';
  }
}

export const wasInterrupted = (): boolean => interrupted;

/**
 * Ctrl-C: stop the running queries. DuckDB forgets an interrupt that arrives between two queries,
 * so the flag is kept here and every later query and commit refuses to start.
 */
export function interruptQueries(): void {
  interrupted = true;
  for (const connection of open) connection.interrupt();
}

/** A new connection: reachable by an interrupt, and with progress tracking when someone listens. */
export async function watchConnection(connection: DuckDBConnection): Promise<void> {
  open.add(connection);
  // the progress bar's numbers without its own printing (it would write to our stdout)
  if (listener) await connection.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
}

export function unwatchConnection(connection: DuckDBConnection): void {
  open.delete(connection);
}

/** Runs one query on `connection`, reporting its progress while it runs. */
export async function watched<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  if (interrupted) throw new QueryInterrupted();
  const report = listener;
  if (!report) return work();
  const started = performance.now();
  const timer = setInterval(() => {
    const { percentage, rows_processed, total_rows_to_process } = connection.progress;
    // -1: nothing to tell yet (or a statement DuckDB does not track)
    if (percentage < 0) return;
    report({
      percentage: Math.min(100, percentage),
      rowsProcessed: Number(rows_processed),
      rowsTotal: Number(total_rows_to_process),
      elapsedSeconds: (performance.now() - started) / 1000,
    });
  }, pollMs);
  timer.unref();
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
