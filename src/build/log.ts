/**
 * What a build says while it runs. On a terminal: a progress line on stderr. Under a scheduler
 * (no terminal): nothing unless asked, so cron mails only failures (and nights with nothing new,
 * said by src/commands/build.ts). `--log-format json`: one JSON
 * object per line on stdout ({time, level, event, message, ...}) for journald, Loki or a log file.
 */
import { safeJson, terminalCell, terminalText } from '../terminal.js';

export type LogFormat = 'text' | 'json';
export const logFormats: readonly LogFormat[] = ['text', 'json'];

export interface BuildLog {
  /** A step of the run (shown as progress, logged as level info). */
  step(event: string, message: string, fields?: Record<string, unknown>): void;
  warn(event: string, message: string, fields?: Record<string, unknown>): void;
  error(event: string, message: string, fields?: Record<string, unknown>): void;
  /** Ends a progress line on a terminal. */
  done(): void;
}

export interface LogTarget {
  format: LogFormat;
  /** whether stderr is a terminal (progress display) */
  tty: boolean;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

export function createBuildLog(target: LogTarget): BuildLog {
  const out = target.stdout ?? ((text: string) => void process.stdout.write(text));
  const err = target.stderr ?? ((text: string) => void process.stderr.write(text));
  if (target.format === 'json') {
    const line =
      (level: string) =>
      (event: string, message: string, fields: Record<string, unknown> = {}) =>
        out(`${safeJson({ time: new Date().toISOString(), level, event, message, ...fields })}\n`);
    return { step: line('info'), warn: line('warn'), error: line('error'), done: () => undefined };
  }
  if (!target.tty) {
    // Quiet: errors are printed once by the CLI; warnings are kept in manifest.json.
    return { step: () => undefined, warn: () => undefined, error: () => undefined, done: () => undefined };
  }
  let open = false;
  const clear = () => {
    if (open) err('\r\x1b[K');
    open = false;
  };
  return {
    step: (_event, message) => {
      clear();
      err(`build: ${terminalCell(message)}`);
      open = true;
    },
    warn: (_event, message) => {
      clear();
      err(`build: warning: ${terminalText(message)}\n`);
    },
    error: (_event, message) => {
      clear();
      err(`build: ${terminalText(message)}\n`);
    },
    done: () => {
      if (open) err('\n');
      open = false;
    },
  };
}
