/**
 * Hostile corpus: what a load or a report run does as a whole. Mostly-rejected files, folders
 * with unknown or no exports, reports on a missing or empty warehouse, build checks that must
 * commit nothing, retention next to user folders, snapshot order from a future mtime, a full
 * disk, a warehouse held by another process, a regex DuckDB refuses, an absurd --since.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { build, type BuildCommandOptions } from '../../src/commands/build.js';
import { funnel } from '../../src/commands/funnel.js';
import { load } from '../../src/commands/load.js';
import { rejects } from '../../src/commands/rejects.js';
import { scoringInit, scoringScore } from '../../src/commands/scoring.js';
import { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { lifecycleDir, workspace, writeFile, type Workspace } from '../build/workspace.js';
import { openTestWarehouse } from '../helpers/db.js';
import { attemptLoad, caseDir, expectLoadError, expectLoaded, hostileCase, writeInput } from './harness.js';

const leadsHeader = 'lead_id,email,company,created_at,source';

/** 5 canonical leads, 4 of them with a created_at no parser reads: 80% rejected. */
const mostlyRejected = [
  leadsHeader,
  'L1,ana@acme.io,Acme,2024-03-01T10:00:00Z,web',
  'L2,bo@beta.io,Beta,yesterday,web',
  'L3,cy@gamma.io,Gamma,N/A,web',
  'L4,di@delta.io,Delta,2024-13-45T10:00:00Z,web',
  'L5,ed@eps.io,Eps,soon,web',
  '',
].join('\n');

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a UserError');
    },
    (e: unknown) => {
      if (!(e instanceof UserError)) throw e;
      return e;
    },
  );

const runBuild = (ws: Workspace, extra: Partial<BuildCommandOptions> = {}) =>
  build({ out: ws.out, config: ws.config, db: ws.db, asOf: '2024-04-01', tty: false, ...extra });

/** A warehouse file with the five-lead lifecycle fixture loaded. */
async function lifecycleWarehouse(): Promise<string> {
  const db = join(caseDir(), 'revops.duckdb');
  await load({ paths: [lifecycleDir], db });
  return db;
}

describe('hostile: runs and commands', () => {
  hostileCase('config', 'a file mostly rejected fails the load with exit 3, loads nothing and names its first reasons', async () => {
    const path = writeInput('leads.csv', mostlyRejected);
    const error = await expectLoadError([path], ['leads.csv: 4 of 5 rows rejected (80%)', 'line 3:', 'line 6:', 'created_at', 'nothing was loaded']);
    expect(error.exitCode).toBe(3);
  });

  hostileCase('config', 'a refused file is not marked as loaded: the same file loads once the rate allows it', async () => {
    const path = writeInput('leads.csv', mostlyRejected);
    const wh = await openTestWarehouse();
    expect(await attemptLoad(wh, [path])).toBeInstanceOf(UserError);
    expect(await wh.all(`select * from load_runs`)).toEqual([]);
    // same checksum, not "already loaded": the user's way out works without deleting the warehouse
    const { summary } = await expectLoaded([path], { maxRejectRate: 1 }, undefined, wh);
    expect(summary.files.map((f) => [f.loaded, f.rejected, f.skipped])).toEqual([[1, 4, undefined]]);
  });

  hostileCase('config', 'a file of rejected rows only fails too, and exactly 50% still loads', async () => {
    const all = writeInput('leads.csv', [leadsHeader, 'L1,a@a.io,A,never,web', 'L2,b@b.io,B,later,web', ''].join('\n'));
    expect((await expectLoadError([all], ['2 of 2 rows rejected (100%)'])).exitCode).toBe(3);
    const half = writeInput('leads.csv', [leadsHeader, 'L1,a@a.io,A,never,web', 'L2,b@b.io,B,2024-03-01T10:00:00Z,web', ''].join('\n'));
    const { summary } = await expectLoaded([half]);
    expect(summary.files.map((f) => [f.loaded, f.rejected])).toEqual([[1, 1]]);
  });

  hostileCase('cli values', 'load --max-reject-rate takes 0.05 or 5% and refuses anything else with exit 2', async () => {
    const dir = caseDir();
    const path = writeInput(
      'leads.csv',
      [
        leadsHeader,
        'L1,a@a.io,A,2024-03-01T10:00:00Z,web',
        'L2,b@b.io,B,never,web',
        'L3,c@c.io,C,2024-03-02T10:00:00Z,web',
        'L4,d@d.io,D,2024-03-03T10:00:00Z,web',
        '',
      ].join('\n'),
      dir,
    );
    const db = join(dir, 'revops.duckdb');
    expect((await failure(load({ paths: [path], db, maxRejectRate: '20%' }))).exitCode).toBe(3); // 25% > 20%
    expect((await failure(load({ paths: [path], db, maxRejectRate: 'lots' }))).message).toContain('--max-reject-rate must be a share from 0 to 1');
    const summary = await load({ paths: [path], db, maxRejectRate: '0.25' });
    expect(summary.files.map((f) => [f.loaded, f.rejected])).toEqual([[3, 1]]);
  });

  hostileCase(
    'paths and links',
    'one unrecognised CSV in a folder: the error says nothing was loaded; --skip-unknown loads the rest and lists it',
    async () => {
      const dir = caseDir();
      writeInput('leads.csv', [leadsHeader, 'L1,a@a.io,A,2024-03-01T10:00:00Z,web', ''].join('\n'), dir);
      writeInput('pipedrive-deals.csv', 'Deal title,Deal value,Deal stage\nBig one,5000,Won\n', dir);
      const error = await expectLoadError(
        [dir],
        ['pipedrive-deals.csv', 'no known export format', 'Nothing was loaded', 'load of 2 files was rolled back', '--skip-unknown'],
      );
      expect(error.exitCode).toBe(1);
      const { wh, summary } = await expectLoaded([dir], { skipUnknown: true });
      expect(summary.files.map((f) => [f.path.slice(dir.length + 1), f.loaded, f.skipped ?? null])).toEqual([
        ['leads.csv', 1, null],
        ['pipedrive-deals.csv', 0, 'no known export format matches its header (--skip-unknown)'],
      ]);
      expect(summary.warnings.join('\n')).toContain('skipped (--skip-unknown)');
      expect(await wh.all(`select lead_id from leads`)).toEqual([{ lead_id: 'L1' }]);
    },
  );

  hostileCase('cli values', '--skip-unknown says what each skipped file lacked, and the exit-0 summary lists it', async () => {
    const dir = caseDir();
    writeInput('leads.csv', [leadsHeader, 'L1,a@a.io,A,2024-03-01T10:00:00Z,web', ''].join('\n'), dir);
    // a canonical stage_events file without its entered_at column matches no format
    writeInput('stage_events.csv', 'lead_id,stage,reason\nL1,mql,\n', dir);
    const { summary } = await expectLoaded([dir], { skipUnknown: true });
    expect(summary.files.map((f) => [f.path.slice(dir.length + 1), f.loaded, f.skipped ?? null])).toEqual([
      ['leads.csv', 1, null],
      ['stage_events.csv', 0, 'no known export format matches its header (--skip-unknown)'],
    ]);
    const warning = summary.warnings.find((w) => w.includes('stage_events.csv'))!;
    expect(warning).toContain('skipped (--skip-unknown)');
    expect(warning).toContain('canonical_stage_events needs "entered_at"');
  });

  hostileCase('paths and links', 'a folder with no CSV at all is an error, not a successful empty load', async () => {
    const dir = caseDir();
    writeInput('pipeline.xlsx', Buffer.from('PK\x03\x04'), dir);
    writeInput('README.md', '# exports go here\n', dir);
    const error = await expectLoadError([dir], [dir, 'no CSV export', 'pipeline.xlsx', 'Nothing was loaded']);
    expect(error.exitCode).toBe(1);
    await expectLoadError([caseDir()], ['no CSV export']);
  });

  hostileCase('paths and links', 'a report on a missing warehouse is an error naming it and creates nothing', async () => {
    const dir = caseDir();
    const db = join(dir, 'revops.duckb'); // misspelt
    const error = await failure(funnel({ db, since: '90d' }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(`no warehouse at ${db}`);
    expect(error.message).toContain('revops-report load');
    expect(error.message).toContain('out/demo/demo.duckdb');
    expect(existsSync(db)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect((await failure(rejects({ db }))).message).toContain('no warehouse at');
  });

  hostileCase('config', 'a warehouse with no leads says so instead of printing an all-zero funnel', async () => {
    const dir = caseDir();
    const db = join(dir, 'revops.duckdb');
    // a load whose only file was owners: the warehouse exists, the leads table is empty
    const owners = writeInput('owners.csv', 'owner_id,name,email,team\nO1,Ana Ruiz,ana@x.io,East\n', dir);
    await load({ paths: [owners], db });
    const error = await failure(funnel({ db, since: '90d' }));
    expect([error.exitCode, error.message]).toEqual([
      1,
      `the warehouse ${db} has no leads yet: load a leads or contacts export first (\`revops-report load <exports>\`).`,
    ]);
    expect(await rejects({ db })).toEqual({ rows: [], total: 0 }); // rejects reads an empty warehouse fine
  });

  hostileCase(
    'concurrency',
    'a build failing --max-reject-rate commits nothing: the next night reads the file again and fails again',
    async () => {
      const ws = workspace(lifecycleDir);
      writeFile(
        join(ws.inbox, 'late-leads.csv'),
        [leadsHeader, 'L6,fay@zeta.io,Zeta,2024-03-20T10:00:00Z,webinar', ',gus@eta.io,Eta,2024-03-21T10:00:00Z,webinar', undefined, ''].join('\n'),
      );
      const first = await failure(runBuild(ws, { maxRejectRate: '2%' }));
      expect(first.exitCode).toBe(3);
      // 5 leads + 19 stage events + 2 = 26 read, 1 rejected = 3.85%
      expect(first.message).toContain('max-reject-rate 2.00% exceeded: 3.85% (1 of 26 rows read this run)');
      expect(first.message).toContain('nothing was loaded');
      const manifest = JSON.parse(readFileSync(join(ws.out, '2024-04-01', 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ status: 'failed', rejected: { rows: 1, read: 26 }, error: { exitCode: 3 } });
      expect(manifest.rejected.sample).toEqual([{ file: 'late-leads.csv', line: 3, reason: expect.stringContaining('lead_id') }]);
      expect(manifest.inputs.map((i: { file: string }) => i.file)).toEqual(['late-leads.csv', 'leads.csv', 'stage_events.csv']);
      const wh = await Warehouse.open({ path: ws.db });
      expect(await wh.all(`select count(*)::int as n from load_runs`)).toEqual([{ n: 0 }]);
      wh.close();
      // the bad file is not "already loaded": the next run reads it again and fails the same way
      expect((await failure(runBuild(ws, { maxRejectRate: '2%' }))).message).toContain('3.85% (1 of 26 rows read this run)');
      // an explicit waiver (a higher limit) publishes
      const waived = await runBuild(ws, { maxRejectRate: '5%' });
      expect(JSON.parse(readFileSync(join(ws.out, 'latest.json'), 'utf8')).run).toBe(waived.run);
    },
    60_000,
  );

  hostileCase(
    'concurrency',
    'a build with one file mostly rejected fails with exit 3 without --max-reject-rate and loads nothing',
    async () => {
      const ws = workspace(lifecycleDir);
      writeFile(join(ws.inbox, 'late-leads.csv'), mostlyRejected.replace(/L(\d)/g, 'N$1'));
      const error = await failure(runBuild(ws));
      expect(error.exitCode).toBe(3);
      expect(error.message).toContain('late-leads.csv: 4 of 5 rows rejected (80%)');
      expect(error.message).toContain('Run 2024-04-01 wrote no reports; latest/ is unchanged.');
      const manifest = JSON.parse(readFileSync(join(ws.out, '2024-04-01', 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ status: 'failed', reports: [], rejected: { rows: 4, read: 29 } });
      const wh = await Warehouse.open({ path: ws.db });
      expect(await wh.all(`select count(*)::int as n from leads`)).toEqual([{ n: 0 }]);
      wh.close();
    },
    60_000,
  );

  hostileCase(
    'paths and links',
    '--keep leaves user folders with date-like names alone (no manifest of ours inside)',
    async () => {
      const ws = workspace(lifecycleDir);
      for (const name of ['2020-01-01', '2020-01-02']) {
        mkdirSync(join(ws.out, name), { recursive: true });
        writeFileSync(join(ws.out, name, 'board-deck.pptx'), 'the CFO’s');
      }
      mkdirSync(join(ws.out, '2020-01-03'));
      writeFileSync(join(ws.out, '2020-01-03', 'manifest.json'), '{"note": "someone else\'s manifest"}');
      for (const asOf of ['2024-03-30', '2024-03-31']) await runBuild(ws, { asOf });
      const last = await runBuild(ws, { asOf: '2024-04-01', keep: 1 });
      expect(last.removed).toEqual(['2024-03-31', '2024-03-30']);
      expect(
        readdirSync(ws.out)
          .filter((n) => n.startsWith('20'))
          .sort(),
      ).toEqual(['2020-01-01', '2020-01-02', '2020-01-03', '2024-04-01']);
      expect(readFileSync(join(ws.out, '2020-01-01', 'board-deck.pptx'), 'utf8')).toBe('the CFO’s');
    },
    60_000,
  );

  hostileCase('concurrency', 'a file with a future mtime and no date in its name does not pin its leads against later exports', async () => {
    const dir = caseDir();
    const early = writeInput('leads.csv', [leadsHeader, 'L1,ana@acme.io,Acme,2024-03-01T10:00:00Z,web', ''].join('\n'), join(dir));
    utimesSync(early, new Date('2099-01-01T00:00:00Z'), new Date('2099-01-01T00:00:00Z'));
    const wh = await openTestWarehouse();
    const first = await expectLoaded([early], {}, undefined, wh);
    expect(first.summary.warnings.join('\n')).toContain('modification time in the future (2099-01-01T00:00:00.000Z)');
    // the next export, downloaded later with an ordinary mtime and no date in its name either
    const laterDir = caseDir();
    const later = writeInput('leads.csv', [leadsHeader, 'L1,ana@acme.io,Acme Renamed,2024-03-01T10:00:00Z,web', ''].join('\n'), laterDir);
    const second = await expectLoaded([later], {}, undefined, wh);
    expect(second.summary.warnings.join('\n')).toContain('no export date in the name; ordered by its modification time');
    expect(await wh.all(`select company from leads`)).toEqual([{ company: 'Acme Renamed' }]);
  });

  hostileCase(
    'concurrency',
    'the order of undated files is called a guess only where it decides something: a later snapshot of records already there',
    async () => {
      const dir = caseDir();
      const leads = writeInput('leads.csv', [leadsHeader, 'L1,ana@acme.io,Acme,2024-03-01T10:00:00Z,web', ''].join('\n'), dir);
      // facts are added whatever their file's export time: no order to guess
      const events = writeInput('stage_events.csv', ['lead_id,stage,entered_at', 'L1,lead,2024-03-01T10:00:00Z', ''].join('\n'), dir);
      const wh = await openTestWarehouse();
      const first = await expectLoaded([leads, events], {}, undefined, wh);
      // the first snapshot of these leads replaces nothing
      expect(first.summary.warnings.filter((w) => w.includes('no export date in the name'))).toEqual([]);
      const again = writeInput('leads.csv', [leadsHeader, 'L1,ana@acme.io,Acme Renamed,2024-03-01T10:00:00Z,web', ''].join('\n'));
      const second = await expectLoaded([again], {}, undefined, wh);
      expect(second.summary.warnings.filter((w) => w.includes('no export date in the name'))).toHaveLength(1);
    },
  );

  hostileCase('resources', 'a full disk is reported as a full disk, not as "cannot rollback"', async () => {
    const dir = caseDir();
    const db = join(dir, 'revops.duckdb');
    (await Warehouse.open({ path: db })).close();
    // every write to the write-ahead log fails with ENOSPC, as on a full disk
    symlinkSync('/dev/full', `${db}.wal`);
    const error = await failure(load({ paths: [lifecycleDir], db }));
    expect(error.exitCode).toBe(1);
    expect(error.message).toContain(`the disk holding the warehouse ${db} is full`);
    expect(error.message).toContain('No space left on device');
    expect(error.message).not.toContain('cannot rollback');
  });

  hostileCase(
    'concurrency',
    'a warehouse held by another process gives exit 75 naming the holder',
    async () => {
      const db = join(caseDir(), 'revops.duckdb');
      (await Warehouse.open({ path: db })).close();
      const holder: ChildProcess = spawn(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `
      import { DuckDBInstance } from '@duckdb/node-api';
      const instance = await DuckDBInstance.create(${JSON.stringify(db)});
      await instance.connect();
      console.log('holding');
      setTimeout(() => {}, 30000);`,
        ],
        { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('holding') && resolve());
          holder.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
        });
        const error = await failure(load({ paths: [lifecycleDir], db }));
        expect(error.exitCode).toBe(75);
        expect(error.message).toContain(`the warehouse ${db} is in use by another process (process ${holder.pid}`);
        expect((await failure(funnel({ db, since: '90d' }))).exitCode).toBe(75);
        // a scheduled build on the same warehouse: try again later (75), not a failure (1)
        const ws = workspace(lifecycleDir);
        const built = await failure(runBuild(ws, { db }));
        expect([built.exitCode, built.message]).toEqual([75, expect.stringContaining(`(process ${holder.pid}`)]);
      } finally {
        holder.kill();
      }
    },
    30_000,
  );

  hostileCase('cli values', 'an absurd --since is a usage error, not an internal one', async () => {
    const db = await lifecycleWarehouse();
    for (const since of ['99999y', '999999999d', '1e9d']) {
      const error = await failure(funnel({ db, since, asOf: '2024-04-01' }));
      expect([error.exitCode, error.message]).toEqual([2, expect.stringContaining(`--since "${since}"`)]);
    }
  });

  hostileCase('config', 'a scoring regex JavaScript accepts and DuckDB (RE2) does not is refused naming the rule', async () => {
    const wh = await openTestWarehouse();
    await expectLoaded([lifecycleDir], {}, undefined, wh);
    const model = JSON.parse((await scoringInit({ template: 'plg' })).text) as { fit: { id: string; condition: unknown }[] };
    model.fit[0] = { ...model.fit[0]!, id: 'vp-of-sales', condition: { regex: '(?<=vp )sales', flags: 'i' } };
    const path = writeInput('model.json', JSON.stringify(model));
    const error = await failure(scoringScore(wh, { modelPath: path, asOf: '2024-04-01T00:00:00Z' }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain('vp-of-sales');
    expect(error.message).toContain('(?<=vp )sales');
    expect(error.message).toContain('RE2');
  });
});
