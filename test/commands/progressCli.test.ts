/**
 * Progress from the compiled bin, as a shell, a pipe and a log collector see it: on a terminal
 * (a pseudo-terminal from util-linux `script`) one line on stderr redrawn in place and cleared
 * before the result; piped, nothing; `--log-format json`, one JSON object a line on stderr with
 * the fields docs/scheduling.md lists. And the first report after a load finds its models built.
 * The lifecycle fixture: leads.csv has 5 rows, stage_events.csv 19 (L4's second mql entry repeats
 * its first: 1 duplicate), none rejected.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { modelsFresh } from '../../src/models/build.js';
import { bin, buildBin, runBin } from '../helpers/bin.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'lifecycle', name);
const files = () => [fixture('leads.csv'), fixture('stage_events.csv')];
const freshDb = () => join(mkdtempSync(join(tmpdir(), 'revops-progress-')), 'wh.duckdb');
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

/** Runs the bin with stdout and stderr on a pseudo-terminal; returns what the terminal received. */
function onTerminal(args: string[]): string {
  const command = [process.execPath, bin, ...args].map(quote).join(' ');
  return execFileSync('script', ['-qfec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, COLUMNS: '100' } });
}

const progressLines = (text: string) => [...text.matchAll(/\r\x1b\[K(load: [^\r\n]*)/g)].map((m) => m[1] ?? '');

describe('progress from the command line', () => {
  beforeAll(buildBin, 120_000);

  it('on a terminal, load shows each file on one line redrawn in place, and clears it before the summary', () => {
    const screen = onTerminal(['load', ...files(), '--db', freshDb()]);
    const lines = progressLines(screen);
    expect(lines[0]).toMatch(/^load: \[1\/2\] .*leads\.csv$/);
    // redrawn at most every 100 ms, the latest state last: a small second file may load between two
    // draws and never be drawn, so each drawn line is a file of the load or the model build (its start, or its end when the
    // build took longer than a redraw), in order
    expect(
      lines.filter(
        (l) =>
          !/^load: \[[12]\/2\] .*\.csv(: \d+ rows read, \d+ rejected \(.*\))?$|^load: building the lifecycle models|^load: lifecycle models built in [\d.]+ s$/.test(
            l,
          ),
      ),
    ).toEqual([]);
    expect(lines.some((l) => l.startsWith('load: building the lifecycle models'))).toBe(true);
    // never a newline inside the progress: the line is redrawn, and cleared right before the table
    const beforeTable = screen.slice(0, screen.indexOf('file '));
    expect(beforeTable).not.toContain('\n');
    expect(beforeTable.endsWith('\r\x1b[K')).toBe(true);
    expect(screen).toContain('Lifecycle models brought up to date in');
  });

  it('on a terminal with --quiet, and piped, says no progress', async () => {
    const quiet = onTerminal(['load', ...files(), '--db', freshDb(), '--quiet']);
    expect(progressLines(quiet)).toEqual([]);
    expect(quiet).not.toContain('\x1b[K');
    const piped = await runBin(['load', ...files(), '--db', freshDb()]);
    expect(piped.code).toBe(0);
    expect(piped.stderr).not.toContain('\x1b');
    expect(piped.stderr).not.toContain('[1/2]');
    expect(piped.stderr).not.toContain('building the lifecycle models');
  });

  it('--log-format json writes one JSON event a line on stderr, beside the summary on stdout', async () => {
    const run = await runBin(['load', ...files(), '--db', freshDb(), '--format', 'json', '--log-format', 'json']);
    expect(run.code).toBe(0);
    // the summary on stdout stays one JSON document
    const summary = JSON.parse(run.stdout);
    expect(typeof summary.modelsSeconds).toBe('number');
    expect(summary.modelsSeconds).toBeGreaterThan(0);
    const events = run.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    // the zone note is the one plain line (said however the log is written)
    expect(run.stderr.split('\n').filter((l) => l && !l.startsWith('{'))).toHaveLength(1);
    for (const e of events) {
      expect(e).toMatchObject({ level: 'info', command: 'load', message: expect.any(String) });
      expect(Number.isNaN(Date.parse(e.time))).toBe(false);
    }
    const loaded = events.filter((e) => e.event === 'file-loaded');
    expect(
      loaded.map(({ file, fileIndex, files, read, loaded, rejected, duplicates, rejectedPercent }) => ({
        file,
        fileIndex,
        files,
        read,
        loaded,
        rejected,
        duplicates,
        rejectedPercent,
      })),
    ).toEqual([
      { file: fixture('leads.csv'), fileIndex: 1, files: 2, read: 5, loaded: 5, rejected: 0, duplicates: 0, rejectedPercent: 0 },
      { file: fixture('stage_events.csv'), fileIndex: 2, files: 2, read: 19, loaded: 18, rejected: 0, duplicates: 1, rejectedPercent: 0 },
    ]);
    expect(events.filter((e) => e.event === 'step' && e.step === 'load-file').map((e) => e.fileIndex)).toEqual([1, 2]);
    const built = events.filter((e) => e.event === 'models-built');
    expect(built).toHaveLength(1);
    expect(built[0].seconds).toBeGreaterThan(0);
    expect(events.filter((e) => e.step === 'models' && e.modelIndex).map((e) => e.modelIndex)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });

  it('after a load the first report does not rebuild the models: load already did', async () => {
    const db = freshDb();
    expect((await runBin(['load', ...files(), '--db', db, '--quiet'])).code).toBe(0);
    const wh = await Warehouse.open({ path: db });
    try {
      expect(await modelsFresh(wh, parseConfig({}))).toBe(true);
    } finally {
      wh.close();
    }
    const report = await runBin(['funnel', '--db', db, '--as-of', '2024-04-01', '--since', '1y', '--format', 'json', '--log-format', 'json']);
    expect(report.code).toBe(0);
    expect(JSON.parse(report.stdout)).toBeTruthy();
    expect(report.stderr).not.toContain('"step":"models"');
    expect(report.stderr).not.toContain('models-built');
    // a second load of new data leaves them fresh again
    const more = await runBin(['load', fixture('stage_events.csv'), '--db', db, '--format', 'json', '--crm', 'canonical']);
    expect(JSON.parse(more.stdout).modelsSeconds).toBeGreaterThanOrEqual(0);
  });
});
