import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyRetention, compareRunsNewestFirst, listRuns, nextRunName, runDate, runsBeyond } from '../../src/build/runs.js';

describe('run folders', () => {
  it('names a run by its as-of date, and a second run that day -2, then -3', () => {
    expect(runDate(new Date('2026-11-01T23:59:59Z'))).toBe('2026-11-01');
    expect(nextRunName([], '2026-11-01')).toBe('2026-11-01');
    expect(nextRunName(['2026-10-31', '2026-11-01'], '2026-11-01')).toBe('2026-11-01-2');
    expect(nextRunName(['2026-11-01', '2026-11-01-2', '2026-11-01-3'], '2026-11-01')).toBe('2026-11-01-4');
    expect(nextRunName(['2026-11-01', '2026-11-01-2'], '2026-11-02')).toBe('2026-11-02');
  });

  it('orders runs newest first, with -10 after -9 (not as text)', () => {
    const names = ['2026-11-01', '2026-11-01-10', '2026-10-31', '2026-11-01-9', '2026-11-01-2'];
    expect([...names].sort(compareRunsNewestFirst)).toEqual(['2026-11-01-10', '2026-11-01-9', '2026-11-01-2', '2026-11-01', '2026-10-31']);
    expect(runsBeyond(names, 2)).toEqual(['2026-11-01-2', '2026-11-01', '2026-10-31']);
    expect(runsBeyond(names, 2, ['2026-11-01'])).toEqual(['2026-11-01-2', '2026-10-31']);
  });

  it('--keep removes only dated runs beyond the newest N and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'revops-runs-'));
    for (const name of ['2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-01-2', 'latest', 'notes', '2026-11']) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, 'funnel.html'), 'x');
      // a run is a folder the tool wrote: its manifest names it
      writeFileSync(join(dir, name, 'manifest.json'), JSON.stringify({ manifestVersion: 1, run: name, tool: { name: 'revops-report' } }));
    }
    writeFileSync(join(dir, '2026-10-01'), 'a file with a run-like name is not a run');
    writeFileSync(join(dir, 'index.html'), 'x');
    expect(await listRuns(dir)).toEqual(['2026-11-01-2', '2026-11-01', '2026-10-31', '2026-10-30', '2026-10-29']);
    expect(await applyRetention(dir, 2)).toEqual(['2026-10-31', '2026-10-30', '2026-10-29']);
    expect(readdirSync(dir).sort()).toEqual(['2026-10-01', '2026-11', '2026-11-01', '2026-11-01-2', 'index.html', 'latest', 'notes']);
  });
});
