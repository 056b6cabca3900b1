/**
 * Progress of long work (a load's files, the model build, a report query past two seconds), said
 * three ways: on a terminal, one line on stderr redrawn in place (at most ten times a second) and
 * cleared at the end; with `--log-format json`, one JSON object a line (docs/scheduling.md
 * "Progress events"); otherwise (piped, cron, `--quiet`) nothing. Commands say what they do through
 * `progress()`; the command line picks the form once (`startProgress`).
 */
import { onQueryProgress, type QueryProgress } from './db/queryProgress.js';
import { safeJson, terminalCell, terminalText } from './terminal.js';

export type LogFormat = 'text' | 'json';
export const logFormats: readonly LogFormat[] = ['text', 'json'];

export interface Progress {
  /** A step of the run; on a terminal it becomes the line at once when `show` (a report's own step waits for a slow query). */
  step(step: string, message: string, fields?: Record<string, unknown>, options?: { show?: boolean }): void;
  /** The running query's progress, under the current step. */
  query(progress: QueryProgress): void;
  /** A fact worth a log line (a file loaded, the models built); on a terminal it becomes the line. */
  event(event: string, message: string, fields?: Record<string, unknown>): void;
  /** A line that stays ("wrote reports/funnel.html"): printed on a terminal above the progress line. */
  note(message: string): void;
  /** Clears the progress line. */
  done(): void;
}

export interface ProgressTarget {
  command: string;
  format: LogFormat;
  quiet: boolean;
  /** whether stderr is a terminal */
  tty: boolean;
  /** the terminal's width: a line longer than it wraps, and a wrapped line cannot be redrawn */
  columns?: number;
  stderr: (text: string) => void;
  /** where JSON lines go */
  json: (text: string) => void;
  /** the clock, in milliseconds (tests) */
  now?: () => number;
}

/** A query's progress is shown once it has run this long: shorter ones would only flicker. */
export const showQueriesAfterSeconds = 2;
const redrawMs = 100;
/** JSON progress events of one query: at most one a second (a log is read later, not watched). */
const logEveryMs = 1000;

const silent: Progress = { step: () => undefined, query: () => undefined, event: () => undefined, note: () => undefined, done: () => undefined };

let current: Progress = silent;

/** What commands report to: silent unless the command line started a display or a log. */
export const progress = (): Progress => current;

/** Picks the form for this run and listens to the queries of warehouses opened from now on. */
export function startProgress(target: ProgressTarget): Progress {
  current = target.format === 'json' ? jsonProgress(target) : target.tty && !target.quiet ? terminalProgress(target) : silent;
  onQueryProgress(current === silent ? undefined : (p) => current.query(p));
  return current;
}

export function stopProgress(): void {
  current.done();
  current = silent;
  onQueryProgress(undefined);
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const percent = (p: QueryProgress) => `${Math.floor(p.percentage)}% (${count(p.rowsProcessed)} of ${count(p.rowsTotal)} rows)`;

function terminalProgress(target: ProgressTarget): Progress {
  const now = target.now ?? (() => performance.now());
  let message = '';
  // an event's message (a file's counts) is not the step a later query belongs to
  let fromEvent = false;
  let query: QueryProgress | undefined;
  let shown = '';
  let lastDraw = Number.NEGATIVE_INFINITY;
  let pending: ReturnType<typeof setTimeout> | undefined;
  // one column short of the width: a line that fills it wraps on some terminals
  const width = Math.max(40, (target.columns || 80) - 1);
  const draw = () => {
    pending = undefined;
    lastDraw = now();
    // file names and stage names are CRM text: shown escaped, on one line, cut to the width
    const parts = [terminalCell(message), query ? percent(query) : ''].filter(Boolean);
    let line = `${target.command}: ${parts.join(' ')}`;
    // cut in the middle: the step's start and a file name's end say the most
    if (line.length > width) line = `${line.slice(0, Math.ceil(width / 2) - 1)}…${line.slice(line.length - Math.floor(width / 2))}`;
    if (line === shown) return;
    target.stderr(`\r\x1b[K${line}`);
    shown = line;
  };
  // at most one redraw per interval; the latest state is drawn at the end of it
  const redraw = () => {
    if (pending) return;
    const wait = lastDraw + redrawMs - now();
    if (wait <= 0) draw();
    else {
      pending = setTimeout(draw, wait);
      pending.unref();
    }
  };
  const clear = () => {
    if (pending) clearTimeout(pending);
    pending = undefined;
    if (shown) target.stderr('\r\x1b[K');
    shown = '';
  };
  return {
    step: (_step, text, _fields, options) => {
      message = text;
      fromEvent = false;
      query = undefined;
      if (options?.show !== false) redraw();
    },
    query: (p) => {
      if (p.elapsedSeconds < showQueriesAfterSeconds) return;
      if (fromEvent) message = '';
      fromEvent = false;
      query = p;
      redraw();
    },
    event: (_event, text) => {
      message = text;
      fromEvent = true;
      query = undefined;
      redraw();
    },
    note: (text) => {
      clear();
      target.stderr(`${terminalText(text)}\n`);
    },
    done: clear,
  };
}

function jsonProgress(target: ProgressTarget): Progress {
  const now = target.now ?? (() => performance.now());
  // a report's queries before any step: the command's own
  const commandStep = { step: 'query', message: target.command, fields: {} as Record<string, unknown> };
  let step = commandStep;
  let lastLog = Number.NEGATIVE_INFINITY;
  const line = (event: string, message: string, fields: Record<string, unknown>) =>
    target.json(`${safeJson({ time: new Date().toISOString(), level: 'info', event, command: target.command, message, ...fields })}\n`);
  return {
    step: (name, message, fields = {}) => {
      step = { step: name, message, fields };
      lastLog = Number.NEGATIVE_INFINITY;
      line('step', message, { step: name, ...fields });
    },
    query: (p) => {
      if (p.elapsedSeconds < showQueriesAfterSeconds || now() - lastLog < logEveryMs) return;
      lastLog = now();
      line('progress', step.message, {
        step: step.step,
        ...step.fields,
        percentage: Math.round(p.percentage * 10) / 10,
        rowsProcessed: p.rowsProcessed,
        rowsTotal: p.rowsTotal,
        elapsedSeconds: Math.round(p.elapsedSeconds * 10) / 10,
      });
    },
    event: (event, message, fields = {}) => {
      // what runs after an event (the report's queries after the models) is the command's again
      step = commandStep;
      line(event, message, fields);
    },
    note: (message) => line('note', message, {}),
    done: () => undefined,
  };
}
