import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishLatest, readLatest, recoverLatest } from '../../src/build/latest.js';

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'revops-latest-'));
  for (const run of ['2026-10-31', '2026-11-01']) {
    mkdirSync(join(dir, run, 'data'), { recursive: true });
    writeFileSync(join(dir, run, 'funnel.html'), `funnel of ${run}`);
    writeFileSync(join(dir, run, 'data', 'funnel__stages.csv'), `stages of ${run}`);
  }
  return dir;
}

describe('latest/', () => {
  it('is a real folder copied from the run, switched by rename, named in latest.json', async () => {
    const dir = outDir();
    await publishLatest(dir, '2026-10-31', '2026-11-01T00:00:00.000Z');
    expect(readFileSync(join(dir, 'latest', 'funnel.html'), 'utf8')).toBe('funnel of 2026-10-31');
    await publishLatest(dir, '2026-11-01', '2026-11-02T00:00:00.000Z');
    expect(readFileSync(join(dir, 'latest', 'funnel.html'), 'utf8')).toBe('funnel of 2026-11-01');
    expect(readFileSync(join(dir, 'latest', 'data', 'funnel__stages.csv'), 'utf8')).toBe('stages of 2026-11-01');
    expect(await readLatest(dir)).toMatchObject({ run: '2026-11-01', asOf: '2026-11-02T00:00:00.000Z' });
    // no temporary folder or file is left, and the run itself is untouched
    expect(readdirSync(dir).sort()).toEqual(['2026-10-31', '2026-11-01', 'latest', 'latest.json']);
  });

  it('after a crash between the two renames, puts the previous latest back', async () => {
    const dir = outDir();
    await publishLatest(dir, '2026-10-31', '2026-11-01T00:00:00.000Z');
    // what a run killed mid-switch leaves: latest renamed aside, the new copy staged
    renameSync(join(dir, 'latest'), join(dir, 'latest.old-4242'));
    cpSync(join(dir, '2026-11-01'), join(dir, '.latest.new-4242'), { recursive: true });
    const notes = await recoverLatest(dir);
    expect(notes).toEqual(['restored latest/ from latest.old-4242 left by an interrupted run', 'removed .latest.new-4242 left by an interrupted run']);
    expect(readFileSync(join(dir, 'latest', 'funnel.html'), 'utf8')).toBe('funnel of 2026-10-31');
    expect(existsSync(join(dir, '.latest.new-4242'))).toBe(false);
  });
});
