/**
 * The CLI in-process as a shell runs it: a table on a terminal fits the window's width (Node reads
 * it from the TTY into stdout.columns); piped with COLUMNS exported it fits COLUMNS; --wide shows all.
 * The lifecycle fixture's cohort: 5 leads, 5 MQLs, 4 SQLs, 2 opportunities, 2 customers (test/metrics/funnel.test.ts).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'lifecycle', name);
let db = '';

async function run(args: string[], stdout: { isTTY?: boolean; columns?: number }, columnsEnv?: string) {
  const out: string[] = [];
  const saved = {
    write: process.stdout.write,
    isTTY: process.stdout.isTTY,
    columns: process.stdout.columns,
    env: process.env.COLUMNS,
    err: process.stderr.write,
  };
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = (() => true) as typeof process.stderr.write;
  Object.defineProperty(process.stdout, 'isTTY', { value: stdout.isTTY, configurable: true });
  Object.defineProperty(process.stdout, 'columns', { value: stdout.columns, configurable: true });
  if (columnsEnv === undefined) delete process.env.COLUMNS;
  else process.env.COLUMNS = columnsEnv;
  try {
    const code = await main(['node', 'revops-report', ...args]);
    return { code, text: out.join('') };
  } finally {
    process.stdout.write = saved.write;
    process.stderr.write = saved.err;
    Object.defineProperty(process.stdout, 'isTTY', { value: saved.isTTY, configurable: true });
    Object.defineProperty(process.stdout, 'columns', { value: saved.columns, configurable: true });
    if (saved.env === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = saved.env;
  }
}

const funnelArgs = () => ['funnel', '--db', db, '--from', '2024-01-01', '--to', '2024-03-31', '--as-of', '2024-04-01', '--format', 'table'];
/** The cohort table: from its header line to the line after its last row. */
const stageTable = (text: string) =>
  text
    .split('\n\n')
    .find((b) => b.startsWith('Stage'))!
    .split('\n');

describe('terminal width from the CLI', () => {
  beforeAll(async () => {
    db = join(mkdtempSync(join(tmpdir(), 'revops-width-')), 'wh.duckdb');
    const loaded = await run(['load', fixture('leads.csv'), fixture('stage_events.csv'), '--db', db, '--format', 'json'], {});
    expect(loaded.code).toBe(0);
  });

  it('piped with COLUMNS=60, the funnel table fits 60 columns and names what it left out', async () => {
    const { code, text } = await run(funnelArgs(), { isTTY: undefined }, '60');
    expect(code).toBe(0);
    const table = stageTable(text);
    // Stage 11 ("Opportunity"), Reached 7, From previous 13 are always shown; 95% interval (12) and
    // From top (8) are the last to go: 11+7+13+12+8 + 4 gaps of 2 = 59
    expect(table[0]).toBe('Stage        Reached  From previous  95% interval  From top');
    // the note under it wraps at the width too
    expect(table.slice(-2)).toEqual(['(left out: Implied by skip, Re-entries, P90 days, Open,', 'Median days; --wide shows all)']);
    expect(Math.max(...table.map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });

  it('on an 80-column terminal it fits 80, whatever COLUMNS says; --wide shows every column', async () => {
    const tty = await run(funnelArgs(), { isTTY: true, columns: 80 }, '200');
    expect(
      Math.max(
        ...stageTable(tty.text)
          .slice(0, -1)
          .map((l) => [...l].length),
      ),
    ).toBeLessThanOrEqual(80);
    expect(stageTable(tty.text).at(-1)).toMatch(/^\(left out: Implied by skip, Re-entries, P90 days; --wide shows all\)$/);
    const wide = await run([...funnelArgs(), '--wide'], { isTTY: true, columns: 80 });
    expect(stageTable(wide.text)[0]).toContain('Implied by skip  Re-entries');
    expect(wide.text).not.toContain('--wide shows all');
  });

  it('piped without COLUMNS, a table keeps every column (a file or pager gets it whole)', async () => {
    const { text } = await run(funnelArgs(), { isTTY: undefined });
    expect(stageTable(text)[0]).toContain('Implied by skip  Re-entries');
    expect(text).not.toContain('--wide shows all');
  });
});
