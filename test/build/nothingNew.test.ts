/**
 * A run with nothing new to read says so: one line on stderr (also off a terminal, so the cron log
 * shows it), `nothingNew` in its manifest, and the same sentence in index.json and index.html.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildResult } from '../../src/commands/build.js';
import type { BuildIndexDocument } from '../../src/reports/indexPage.js';
import { lifecycleDir, workspace, type Workspace } from './workspace.js';

interface Said {
  result: BuildResult;
  stderr: string[];
}

async function buildSaying(ws: Workspace, extra: { config?: string; asOf?: string } = {}): Promise<Said> {
  const stderr: string[] = [];
  const result = await build({
    out: ws.out,
    config: extra.config ?? ws.config,
    db: ws.db,
    asOf: extra.asOf ?? '2024-04-01',
    reports: 'funnel',
    tty: false,
    stderr: (t) => stderr.push(t),
  });
  return { result, stderr };
}

const index = (ws: Workspace) => JSON.parse(readFileSync(join(ws.out, 'index.json'), 'utf8')) as BuildIndexDocument;

describe('build with nothing new', () => {
  let ws: Workspace;
  let first: Said;
  let again: Said;
  let noInbox: Said;

  beforeAll(async () => {
    ws = workspace(lifecycleDir);
    first = await buildSaying(ws);
    again = await buildSaying(ws);
    // the same warehouse, from a config that names no inbox
    const bare = join(ws.root, 'bare.config.json');
    writeFileSync(bare, JSON.stringify({ timezone: 'America/New_York' }));
    noInbox = await buildSaying(ws, { config: bare });
  }, 120_000);

  it('a run that loads new exports says nothing and records nothingNew: null', () => {
    expect(first.result.manifest.inputs.map((i) => [i.file, i.skipped ?? null])).toEqual([
      ['leads.csv', null],
      ['stage_events.csv', null],
    ]);
    expect(first.result.manifest.nothingNew).toBeNull();
    expect(first.stderr).toEqual([]);
  });

  it('every export already loaded: said on stderr, in the manifest and in the index', () => {
    const sentence = 'nothing new: every export in the inbox (2) was already loaded; built from the warehouse as it is';
    expect(again.result.run).toBe('2024-04-01-2');
    expect(again.result.manifest).toMatchObject({ status: 'complete', nothingNew: sentence });
    expect(again.stderr).toEqual([`build: ${sentence}\n`]);
    const manifestOnDisk = JSON.parse(readFileSync(join(ws.out, '2024-04-01-2', 'manifest.json'), 'utf8'));
    expect(manifestOnDisk.nothingNew).toBe(sentence);
    const row = index(ws).runs.find((r) => r.run === '2024-04-01-2')!;
    expect([row.nothingNew, row.note]).toEqual([sentence, sentence]);
    expect(index(ws).runs.find((r) => r.run === '2024-04-01')!.nothingNew).toBeNull();
    expect(readFileSync(join(ws.out, 'index.html'), 'utf8')).toContain('nothing new: every export in the inbox (2) was already loaded');
  });

  it('no inbox configured: says so, and still builds from the warehouse', () => {
    const sentence = 'nothing new: no inbox configured (--inbox or "inbox" in the config); built from the warehouse as it is';
    expect(noInbox.result.manifest).toMatchObject({ run: '2024-04-01-3', status: 'complete', nothingNew: sentence, inputs: [] });
    expect(noInbox.stderr).toEqual([`build: ${sentence}\n`]);
    expect(index(ws).runs.find((r) => r.run === '2024-04-01-3')!.note).toBe(sentence);
  });

  it('an empty inbox: says it has no export to load, naming the files that wait', async () => {
    const empty = workspace(lifecycleDir);
    const inbox = join(empty.root, 'inbox');
    for (const f of ['leads.csv', 'stage_events.csv']) writeFileSync(join(inbox, f), ''); // 0 bytes: held, not loaded
    const said = await buildSaying(empty);
    const sentence = 'nothing new: the inbox has no export to load; 2 file(s) wait for a later run; built from the warehouse as it is';
    expect(said.result.manifest).toMatchObject({ status: 'complete', nothingNew: sentence, inputs: [] });
    expect(said.result.manifest.notLoaded.map((n) => n.file)).toEqual(['leads.csv', 'stage_events.csv']);
    expect(said.stderr).toEqual([`build: ${sentence}\n`]);
    expect(index(empty).runs[0]!.note).toMatch(
      /^nothing new: the inbox has no export to load; 2 file\(s\) wait for a later run; built from the warehouse as it is\. 2 inbox file\(s\) not loaded this run: leads\.csv \(empty/,
    );
  }, 60_000);

  it('a JSON log gets it as a warn event, and stderr stays empty', async () => {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const orig = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => {
      stdout.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      await build({
        out: ws.out,
        config: ws.config,
        db: ws.db,
        asOf: '2024-04-01',
        reports: 'funnel',
        tty: false,
        logFormat: 'json',
        stderr: (t) => stderr.push(t),
      });
    } finally {
      process.stdout.write = orig;
    }
    const events = stdout
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; level: string; message: string });
    expect(events.filter((e) => e.event === 'nothing-new')).toEqual([
      expect.objectContaining({ level: 'warn', message: 'nothing new: every export in the inbox (2) was already loaded; built from the warehouse as it is' }),
    ]);
    expect(stderr).toEqual([]);
  }, 60_000);
});
