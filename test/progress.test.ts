/**
 * The progress display and log (src/progress.ts), driven with a fake clock: one line on a
 * terminal, redrawn at most ten times a second, CRM text shown escaped, cleared at the end; JSON
 * lines with the documented fields; nothing off a terminal or with --quiet.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ProgressTarget, startProgress, stopProgress } from '../src/progress.js';

let clock = 0;

function capture(target: Partial<ProgressTarget>) {
  const err: string[] = [];
  const json: string[] = [];
  const progress = startProgress({
    command: 'load',
    format: 'text',
    quiet: false,
    tty: true,
    columns: 80,
    stderr: (t) => err.push(t),
    json: (t) => json.push(t),
    now: () => clock,
    ...target,
  });
  return { progress, err, json };
}

const query = (percentage: number, elapsedSeconds: number) => ({ percentage, rowsProcessed: percentage * 1000, rowsTotal: 100_000, elapsedSeconds });

afterEach(() => {
  stopProgress();
  vi.useRealTimers();
  clock = 0;
});

describe('progress on a terminal', () => {
  it('draws one line in place, at most every 100 ms, with the latest state, and clears it at the end', () => {
    vi.useFakeTimers();
    const { progress, err } = capture({});
    progress.step('load-file', '[1/2] leads.csv');
    expect(err).toEqual(['\r\x1b[Kload: [1/2] leads.csv']);
    // 30 updates within 100 ms: none drawn until the interval ends, then only the last
    for (let i = 1; i <= 30; i++) {
      clock = i * 3;
      progress.query(query(i, 2 + i / 100));
    }
    expect(err).toHaveLength(1);
    clock = 100;
    vi.advanceTimersByTime(100);
    expect(err).toEqual(['\r\x1b[Kload: [1/2] leads.csv', '\r\x1b[Kload: [1/2] leads.csv 30% (30,000 of 100,000 rows)']);
    progress.done();
    expect(err.at(-1)).toBe('\r\x1b[K');
  });

  it('shows a query only once it has run two seconds (a report step waits for a slow query)', () => {
    vi.useFakeTimers();
    const { progress, err } = capture({ command: 'funnel' });
    progress.query(query(50, 1.9));
    expect(err).toEqual([]);
    clock = 1000;
    progress.query(query(60, 2.1));
    expect(err).toEqual(['\r\x1b[Kfunnel: 60% (60,000 of 100,000 rows)']);
    // the models' step, then the report's next slow query: the event's text does not stay
    clock = 2000;
    progress.step('models', 'building the lifecycle models (1/14 stg_stage_events)');
    clock = 3000;
    progress.event('models-built', 'lifecycle models built in 3.1 s');
    clock = 4000;
    progress.query(query(10, 2.5));
    expect(err.slice(1)).toEqual([
      '\r\x1b[Kfunnel: building the lifecycle models (1/14 stg_stage_events)',
      '\r\x1b[Kfunnel: lifecycle models built in 3.1 s',
      '\r\x1b[Kfunnel: 10% (10,000 of 100,000 rows)',
    ]);
    progress.done();
    expect(err.at(-1)).toBe('\r\x1b[K');
  });

  it('shows control characters in a file name escaped, and cuts a long line in the middle to the width', () => {
    const { progress, err } = capture({ columns: 41 });
    progress.step('load-file', `[1/1] \x1b]0;pwned\x07${'x'.repeat(60)}leads.csv`);
    const line = err[0]!.slice('\r\x1b[K'.length);
    expect(line).not.toMatch(/[\x00-\x1f]/);
    expect(line).toBe(`load: [1/1] \\x1b]0;…${'x'.repeat(11)}leads.csv`);
    expect(line).toHaveLength(40);
  });

  it('prints a note on its own line, above the progress line', () => {
    const { progress, err } = capture({});
    progress.step('load-file', '[1/1] leads.csv');
    progress.note('wrote out/funnel.html');
    expect(err).toEqual(['\r\x1b[Kload: [1/1] leads.csv', '\r\x1b[K', 'wrote out/funnel.html\n']);
  });
});

describe('no progress', () => {
  it('off a terminal and with --quiet says nothing', () => {
    for (const target of [{ tty: false }, { tty: true, quiet: true }]) {
      const { progress, err, json } = capture(target);
      progress.step('load-file', '[1/1] leads.csv');
      clock = 5000;
      progress.query(query(50, 3));
      progress.event('file-loaded', '[1/1] leads.csv: 10 rows read');
      progress.note('wrote x');
      progress.done();
      expect({ err, json }).toEqual({ err: [], json: [] });
    }
  });
});

describe('--log-format json', () => {
  it('writes one JSON object a line: steps, events, and a slow query at most once a second', () => {
    const { progress, err, json } = capture({ tty: false, format: 'json' });
    progress.step('load-file', '[1/1] leads.csv', { file: 'leads.csv', fileIndex: 1, files: 1 });
    progress.query(query(10, 1)); // under two seconds: not logged
    clock = 2000;
    progress.query(query(20.04, 2.04));
    clock = 2500;
    progress.query(query(30, 2.5)); // within the second: not logged
    clock = 3000;
    progress.query(query(40, 3));
    progress.event('file-loaded', '[1/1] leads.csv: 100 rows read, 1 rejected (1%)', { file: 'leads.csv', read: 100, rejected: 1, rejectedPercent: 1 });
    expect(err).toEqual([]);
    const lines = json.map((l) => {
      expect(l.endsWith('\n')).toBe(true);
      return JSON.parse(l);
    });
    expect(lines.map(({ time, ...rest }) => ({ time: typeof time, ...rest }))).toEqual([
      {
        time: 'string',
        level: 'info',
        event: 'step',
        command: 'load',
        message: '[1/1] leads.csv',
        step: 'load-file',
        file: 'leads.csv',
        fileIndex: 1,
        files: 1,
      },
      {
        time: 'string',
        level: 'info',
        event: 'progress',
        command: 'load',
        message: '[1/1] leads.csv',
        step: 'load-file',
        file: 'leads.csv',
        fileIndex: 1,
        files: 1,
        percentage: 20,
        rowsProcessed: 20040,
        rowsTotal: 100_000,
        elapsedSeconds: 2,
      },
      expect.objectContaining({ event: 'progress', percentage: 40, elapsedSeconds: 3 }),
      expect.objectContaining({ event: 'file-loaded', read: 100, rejected: 1, rejectedPercent: 1 }),
    ]);
  });

  it("logs a report's slow query under the command, also after the models were built", () => {
    const { progress, json } = capture({ command: 'funnel', tty: false, format: 'json' });
    clock = 2000;
    progress.query(query(50, 2.2));
    progress.event('models-built', 'lifecycle models built in 3.1 s', { seconds: 3.1 });
    clock = 4000;
    progress.query(query(70, 2.2));
    const lines = json.map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.event, l.step, l.message, l.percentage])).toEqual([
      ['progress', 'query', 'funnel', 50],
      ['models-built', undefined, 'lifecycle models built in 3.1 s', undefined],
      ['progress', 'query', 'funnel', 70],
    ]);
  });
});
