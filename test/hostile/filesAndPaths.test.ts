/**
 * Hostile files themselves: stray NUL bytes, binaries and compressed exports under a .csv name,
 * files still being copied into the inbox, links out of it, and files that are not files.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import { pickInboxFiles } from '../../src/build/inboxFiles.js';
import type { BuildManifest } from '../../src/build/manifest.js';
import { build, type BuildCommandOptions } from '../../src/commands/build.js';
import { UserError } from '../../src/errors.js';
import { lifecycleDir, workspace, type Workspace } from '../build/workspace.js';
import { caseDir, expectLoadError, expectLoaded, hostileCase, rejectReasons, writeInput } from './harness.js';

/** A Salesforce Data Export Opportunity.csv (API names, every value quoted, CRLF). */
const opportunityHeader = '"Id","IsDeleted","AccountId","Name","Description","StageName","Amount","CloseDate","CreatedDate","OwnerId"';
const opportunity = (n: number, description = '') =>
  `"006Hs00001Op${String(n).padStart(3, '0')}AAB","false","001Hs00001Ac001AAB","Deal ${n}","${description}","Prospecting","1000","2026-12-31","2026-10-01T09:00:00.000Z","005Hs000001Ab01AAC"`;
const opportunityExport = (rows: string[]) => [opportunityHeader, ...rows, ''].join('\r\n');

/** A nightly build over the lifecycle fixture's inbox; its files are an hour old, so they have settled. */
function buildWorkspace(): Workspace {
  const ws = workspace(lifecycleDir);
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const name of readdirSync(ws.inbox)) utimesSync(join(ws.inbox, name), hourAgo, hourAgo);
  return ws;
}
const runBuild = (ws: Workspace, extra: Partial<BuildCommandOptions> = {}) =>
  build({ out: ws.out, config: ws.config, db: ws.db, asOf: '2024-04-01', tty: false, ...extra });
const manifestOf = (ws: Workspace, run: string) => JSON.parse(readFileSync(join(ws.out, run, 'manifest.json'), 'utf8')) as BuildManifest;
/** Everything the share shows about the runs. */
const shareText = (ws: Workspace, run: string) =>
  ['index.html', 'index.json', join(run, 'manifest.json')].map((f) => readFileSync(join(ws.out, f), 'utf8')).join('\n');

const leadsHeader = 'lead_id,email,company,created_at,source';
const leadsCsv = (...rows: string[]) => [leadsHeader, ...rows, ''].join('\n');

describe('files and paths', () => {
  hostileCase('encodings', 'stray NULs at the start of a rich-text field are dropped and counted, not a binary file', async () => {
    // 48 NUL bytes where the rich-text editor left them, as in a real Data Export file
    const rows = [opportunity(1), opportunity(2, `${'\0'.repeat(48)}<p>Renewal call notes</p>`), opportunity(3)];
    const path = writeInput('Opportunity.csv', opportunityExport(rows));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 3, rejected: 0, nulsDropped: 48 });
    expect(summary.warnings.join('\n')).toContain('48 NUL byte(s) dropped');
    expect(await wh.all(`select count(*)::int as n from opportunities`)).toEqual([{ n: 3 }]);
  });

  hostileCase('encodings', 'a NUL inside a loaded value is dropped from it', async () => {
    const path = writeInput('leads.csv', leadsCsv('L1,ana@lumen.example,Kes\0trel Air,2026-10-01T09:00:00Z,Web'));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ loaded: 1, nulsDropped: 1 });
    expect(await wh.all(`select company from leads`)).toEqual([{ company: 'Kestrel Air' }]);
  });

  hostileCase('encodings', 'stray NULs after the first MiB are treated like the same NULs at the start', async () => {
    const filler = Array.from({ length: 12_000 }, (_, i) => opportunity(i + 10, 'Quarterly business review with the buying committee'));
    const rows = [...filler, opportunity(9, `${'\0'.repeat(48)}late notes`)];
    const text = opportunityExport(rows);
    expect(text.indexOf('\0')).toBeGreaterThan(1 << 20);
    const { summary } = await expectLoaded([writeInput('Opportunity.csv', text)]);
    expect(summary.files[0]).toMatchObject({ read: 12_001, loaded: 12_001, nulsDropped: 48 });
  });

  hostileCase('encodings', 'NUL bytes before the header are dropped; the header is read as if they were not there', async () => {
    const path = writeInput('leads.csv', `\0\0\0${leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web')}`);
    const { summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ object: 'leads', loaded: 1, nulsDropped: 3, encoding: 'utf-8' });
  });

  hostileCase('encodings', 'a UTF-16 file with a NUL character in a value has it dropped and counted like any other encoding', async () => {
    const text = 'lead_id\tcompany\tcreated_at\r\nL1\tLu\0men\t2026-10-01T09:00:00Z\r\n';
    const path = writeInput('leads.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ loaded: 1, nulsDropped: 1, encoding: 'utf-16le' });
    expect(await wh.all(`select company from leads`)).toEqual([{ company: 'Lumen' }]);
  });

  hostileCase('encodings', 'a PDF saved with a .csv name is refused, named as a PDF', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n', 'latin1'), Buffer.alloc(16)]);
    await expectLoadError([writeInput('pipeline.csv', pdf)], ['pipeline.csv', 'binary', 'PDF']);
  });

  hostileCase('encodings', 'an .xlsx workbook renamed to .csv is refused as a ZIP archive', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml')]);
    await expectLoadError([writeInput('leads.csv', zip)], ['leads.csv', 'binary', 'ZIP']);
  });

  hostileCase('encodings', 'a bzip2 export is refused naming its compression; a header that merely starts like a signature is text', async () => {
    // the start of `bzip2 -c`: BZh, the block size, the block magic 1AY&SY, then packed bits
    const packed = Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.from([0x6b, 0x3e, 0x9f, 0x04, 0x00, 0x00, 0x0a, 0x5f, 0x80, 0x00])]);
    await expectLoadError([writeInput('leads.csv.bz2.csv', packed)], ['leads.csv.bz2.csv', 'binary', 'bzip2']);
    // "PAR1" (Parquet) and "BZh" (bzip2) open these column names, but nothing binary follows
    const text = 'PAR1_score,BZh_flag,lead_id,created_at\n7,y,L1,2026-10-01T09:00:00Z\n';
    const { summary } = await expectLoaded([writeInput('leads.csv', text)]);
    expect(summary.files[0]).toMatchObject({ object: 'leads', loaded: 1 });
  });

  hostileCase('encodings', 'a file that is mostly NUL bytes is refused as binary, wherever the NULs are', async () => {
    // a copy that preallocated its size and wrote only the start: the rest is zero-filled
    const head = Buffer.from(leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web'));
    const error = await expectLoadError([writeInput('leads.csv', Buffer.concat([head, Buffer.alloc(4096)]))], ['leads.csv', 'binary', 'NUL']);
    expect(error.message).toContain('4096 of 4188 bytes are NUL');
  });

  hostileCase('files in flight', 'a gzip-compressed export (.csv.gz) is unpacked and loaded', async () => {
    const text = leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web', 'L2,bo@kestrel.example,Kestrel,2026-10-02T09:00:00Z,Event');
    const { wh, summary } = await expectLoaded([writeInput('leads.csv.gz', gzipSync(text))]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 2, compression: 'gzip', nulsDropped: 0 });
    expect(await wh.all(`select lead_id, company from leads order by lead_id`)).toEqual([
      { lead_id: 'L1', company: 'Lumen' },
      { lead_id: 'L2', company: 'Kestrel' },
    ]);
  });

  hostileCase('files in flight', 'a gzip payload under a plain .csv name is read by its bytes, not its name', async () => {
    const text = leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web');
    const { summary } = await expectLoaded([writeInput('leads.csv', gzipSync(text))]);
    expect(summary.files[0]).toMatchObject({ loaded: 1, compression: 'gzip' });
  });

  hostileCase('files in flight', 'a .csv.gz cut off while being copied is refused, not half-read', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `L${i},p${i}@lumen.example,Lumen,2026-10-01T09:00:00Z,Web`);
    const packed = gzipSync(leadsCsv(...rows));
    await expectLoadError([writeInput('leads.csv.gz', packed.subarray(0, packed.length >> 1))], ['leads.csv.gz', 'gzip', 'cut short']);
  });

  hostileCase('files in flight', 'an export compressed twice is refused, saying so', async () => {
    const twice = gzipSync(gzipSync(leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web')));
    await expectLoadError([writeInput('leads.csv.gz', twice)], ['leads.csv.gz', 'unpacks to binary content', 'compressed twice']);
  });

  hostileCase('encodings', 'a gzipped CSV with stray NULs inside is unpacked and the NULs dropped', async () => {
    const text = leadsCsv('L1,ana@lumen.example,Lu\0men,2026-10-01T09:00:00Z,Web');
    const { summary } = await expectLoaded([writeInput('leads.csv.gz', gzipSync(text))]);
    expect(summary.files[0]).toMatchObject({ loaded: 1, compression: 'gzip', nulsDropped: 1 });
  });

  hostileCase('resources', 'a named pipe called leads.csv is refused when named, left alone in a folder, never waited on', async () => {
    const dir = caseDir();
    execFileSync('mkfifo', [join(dir, 'leads.csv')]);
    await expectLoadError([join(dir, 'leads.csv')], ['leads.csv', 'not a regular file']);
    writeInput('owners.csv', 'owner_id,name,timezone\nO1,Dana,America/New_York\n', dir);
    const { summary } = await expectLoaded([dir]);
    expect(summary.files.map((f) => [f.object, f.loaded])).toEqual([['owners', 1]]);
    expect(summary.warnings.join('\n')).toContain('leads.csv: not a CSV export');
  });

  hostileCase('files in flight', 'a folder with a .csv.gz picks it up as an export', async () => {
    const dir = caseDir();
    writeInput('leads.csv.gz', gzipSync(leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web')), dir);
    writeInput('notes.gz', gzipSync('not an export'), dir);
    const { summary } = await expectLoaded([dir]);
    expect(summary.files.map((f) => [f.loaded, f.compression])).toEqual([[1, 'gzip']]);
    expect(summary.warnings.join('\n')).toContain('notes.gz: not a CSV export');
  });

  hostileCase('files in flight', 'a final record cut inside a date is rejected once, as cut off, and counted once', async () => {
    // cut in the middle of the timestamp: the value is unparseable as well as cut
    const cut = writeInput('stage_events.csv', 'lead_id,stage,entered_at\nL1,lead,2026-10-01T09:00:00Z\nL1,mql,2026-10-12T0');
    const { wh, summary } = await expectLoaded([cut]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1, duplicates: 0 });
    expect(await rejectReasons(wh)).toEqual([{ line: 3, reason: expect.stringContaining('cut off: the file ends inside this record') }]);
    expect(await wh.one(`select count(*)::int as n from stage_events`)).toEqual({ n: 1 });
  });

  hostileCase('files in flight', 'a final record cut by a copy in progress is rejected as cut off; the complete file brings it in whole', async () => {
    const dir = caseDir();
    const complete = 'lead_id,stage,entered_at\nL1,lead,2026-10-01T09:00:00Z\nL1,mql,2026-10-12T09:00:00Z\nL1,customer,2026-10-31T09:00:00Z\n';
    // the copy stopped 11 bytes before the end: the last record still parses, as 3 October
    const cut = writeInput('stage_events.csv', complete.slice(0, complete.indexOf('2026-10-31') + 9), dir);
    expect(cut.endsWith('.csv')).toBe(true);
    const { wh, summary } = await expectLoaded([cut]);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(await rejectReasons(wh)).toEqual([{ line: 4, reason: expect.stringContaining('cut off: the file ends inside this record') }]);
    const later = writeInput('stage_events.csv', complete, caseDir());
    await expectLoaded([later], {}, undefined, wh);
    expect(await wh.all(`select stage_raw, strftime(entered_at, '%Y-%m-%d') as day from stage_events order by entered_at`)).toEqual([
      { stage_raw: 'lead', day: '2026-10-01' },
      { stage_raw: 'mql', day: '2026-10-12' },
      { stage_raw: 'customer', day: '2026-10-31' },
    ]);
  });

  hostileCase('files in flight', 'a header without a line end and no records still loads, with 0 rows', async () => {
    const { summary } = await expectLoaded([writeInput('leads.csv', leadsHeader)]);
    expect(summary.files[0]).toMatchObject({ read: 0, loaded: 0, rejected: 0 });
  });

  hostileCase('files in flight', 'a cut final record the reader already refuses (too few fields) is rejected once, not twice', async () => {
    const path = writeInput('leads.csv', `${leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web')}L2,bo@kes`);
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect((await rejectReasons(wh)).map((r) => [r.line, r.reason.split(' (')[0]])).toEqual([[3, 'wrong number of fields: fewer than the header has']]);
  });

  hostileCase('encodings', 'a UTF-16 "Unicode Text" file cut before its final line end loses only its last record', async () => {
    const text = 'lead_id\tcreated_at\r\nL1\t2026-10-01T09:00:00Z\r\nL2\t2026-10-02T09:00:00Z';
    const path = writeInput('leads.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1, encoding: 'utf-16le' });
    expect(await wh.all(`select lead_id from leads`)).toEqual([{ lead_id: 'L1' }]);
  });

  hostileCase('files in flight', 'a gzip export whose text ends without a line end has its last record rejected as cut off', async () => {
    const path = writeInput(
      'leads.csv.gz',
      gzipSync(`${leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web')}L2,bo@kestrel.example,Kestrel,2026-10-02T09:00:00Z,We`),
    );
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect((await rejectReasons(wh))[0]!.reason).toContain('cut off');
  });

  hostileCase('files in flight', 'a cut final record that repeats an earlier record is rejected as cut off, not counted a duplicate', async () => {
    const row = 'L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web';
    const { summary } = await expectLoaded([writeInput('leads.csv', `${leadsCsv(row)}${row}`)]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1, duplicates: 0 });
  });

  hostileCase(
    'files in flight',
    'a build leaves an inbox file modified in the last minute for a later run, and says so',
    async () => {
      const ws = buildWorkspace();
      writeFileSync(join(ws.inbox, 'late-leads.csv'), leadsCsv('L6,fay@zeta.io,Zeta,2024-03-20T10:00:00Z,webinar'));
      const first = await runBuild(ws, { settleSeconds: 60 });
      expect(first.manifest.inputs.map((i) => i.file)).toEqual(['leads.csv', 'stage_events.csv']);
      expect(first.manifest.notLoaded).toEqual([{ file: 'late-leads.csv', reason: expect.stringContaining('maybe still being copied') }]);
      expect(first.manifest.warnings.join('\n')).toContain('inbox/late-leads.csv: not loaded this run');
      expect(JSON.parse(readFileSync(join(ws.out, 'index.json'), 'utf8')).runs[0].note).toContain('1 inbox file(s) not loaded this run: late-leads.csv');
      // once it has settled, the next run loads it
      const hourAgo = new Date(Date.now() - 3_600_000);
      utimesSync(join(ws.inbox, 'late-leads.csv'), hourAgo, hourAgo);
      const second = await runBuild(ws, { settleSeconds: 60 });
      expect(second.manifest.notLoaded).toEqual([]);
      expect(second.manifest.inputs.find((i) => i.file === 'late-leads.csv')).toMatchObject({ read: 1, loaded: 1 });
    },
    60_000,
  );

  hostileCase('files in flight', 'a file that grows while the build looks at it is left for a later run, even with an old time stamp', async () => {
    const inbox = caseDir();
    const path = writeInput('leads.csv', leadsCsv('L1,ana@lumen.example,Lumen,2026-10-01T09:00:00Z,Web'), inbox);
    writeInput('owners.csv', 'owner_id,name\nO1,Dana\n', inbox);
    // a copy tool that set the source's time stamp first and then writes the bytes
    const old = new Date('2026-01-01T00:00:00Z');
    for (const name of ['leads.csv', 'owners.csv']) utimesSync(join(inbox, name), old, old);
    const pick = await pickInboxFiles(inbox, {
      settleSeconds: 60,
      wait: async () => {
        appendFileSync(path, 'L2,bo@kestrel.example,Kestrel,2026-10-02T09:00:00Z,Event\n');
        utimesSync(path, old, old);
      },
    });
    expect(pick.files).toEqual([join(inbox, 'owners.csv')]);
    expect(pick.held).toEqual([{ path, reason: expect.stringContaining('still growing') }]);
  });

  hostileCase(
    'resources',
    'a zero-byte file in the inbox is named and skipped; it blocks no build, and loads once it has content',
    async () => {
      const ws = buildWorkspace();
      writeFileSync(join(ws.inbox, 'empty.csv'), '');
      const first = await runBuild(ws, { settleSeconds: 0 });
      expect(first.manifest.status).toBe('complete');
      expect(first.manifest.notLoaded).toEqual([{ file: 'empty.csv', reason: expect.stringContaining('empty (0 bytes)') }]);
      writeFileSync(join(ws.inbox, 'empty.csv'), leadsCsv('L6,fay@zeta.io,Zeta,2024-03-20T10:00:00Z,webinar'));
      const second = await runBuild(ws, { settleSeconds: 0 });
      expect(second.manifest.inputs.find((i) => i.file === 'empty.csv')).toMatchObject({ loaded: 1 });
    },
    60_000,
  );

  hostileCase('resources', '`load` of a zero-byte file named on the command line is still an error', async () => {
    await expectLoadError([writeInput('leads.csv', '')], ['leads.csv', 'empty (0 bytes)']);
  });

  hostileCase(
    'paths and links',
    'a link in the inbox to a file outside it is not followed: nothing of it reaches the warehouse or the share',
    async () => {
      const ws = buildWorkspace();
      const secret = writeInput('passwd', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
      symlinkSync(secret, join(ws.inbox, 'accounts.csv'));
      const result = await runBuild(ws, { settleSeconds: 0 });
      expect(result.manifest.status).toBe('complete');
      expect(result.manifest.notLoaded).toEqual([{ file: 'accounts.csv', reason: 'a link to a file outside the inbox, not followed' }]);
      const shown = shareText(ws, result.run);
      expect(shown).not.toContain('root:x:0:0');
      expect(shown).not.toContain(ws.root);
      expect(shown).not.toContain(secret);
    },
    60_000,
  );

  hostileCase(
    'paths and links',
    'a link loop and a broken link in the inbox are named and skipped, the build goes on',
    async () => {
      const ws = buildWorkspace();
      symlinkSync(join(ws.inbox, 'b.csv'), join(ws.inbox, 'a.csv'));
      symlinkSync(join(ws.inbox, 'a.csv'), join(ws.inbox, 'b.csv'));
      symlinkSync(join(ws.inbox, 'gone.csv'), join(ws.inbox, 'dangling.csv'));
      const result = await runBuild(ws, { settleSeconds: 0 });
      expect(result.manifest.status).toBe('complete');
      expect(result.manifest.notLoaded).toEqual([
        { file: 'a.csv', reason: expect.stringContaining('loops back on itself') },
        { file: 'b.csv', reason: expect.stringContaining('loops back on itself') },
        { file: 'dangling.csv', reason: expect.stringContaining('a broken link') },
      ]);
      expect(result.manifest.inputs.map((i) => i.file)).toEqual(['leads.csv', 'stage_events.csv']);
    },
    60_000,
  );

  hostileCase(
    'paths and links',
    'a link inside the inbox to another inbox file is followed (and loads once, by checksum)',
    async () => {
      const ws = buildWorkspace();
      symlinkSync(join(ws.inbox, 'leads.csv'), join(ws.inbox, 'alias-leads.csv'));
      const result = await runBuild(ws, { settleSeconds: 0 });
      expect(result.manifest.notLoaded).toEqual([]);
      expect(result.manifest.inputs.map((i) => [i.file, i.loaded, i.skipped ?? null])).toEqual([
        ['alias-leads.csv', 5, null],
        ['leads.csv', 0, expect.stringContaining('already loaded')],
        ['stage_events.csv', 18, null], // 19 read, 1 exact repeat
      ]);
    },
    60_000,
  );

  hostileCase(
    'paths and links',
    "a failed build publishes its error with inbox-relative names and without the file's contents",
    async () => {
      const ws = buildWorkspace();
      writeFileSync(join(ws.inbox, 'mystery.csv'), 'secret_colour,secret_shape\nred,square\n');
      const error = await runBuild(ws, { settleSeconds: 0 }).then(
        () => null,
        (e: unknown) => e as UserError,
      );
      expect(error).toBeInstanceOf(UserError);
      // the operator's message (stderr) is whole
      expect(error!.message).toContain(join(ws.inbox, 'mystery.csv'));
      expect(error!.message).toContain('secret_colour');
      const run = readdirSync(ws.out).find((name) => /^\d{4}-\d{2}-\d{2}/.test(name))!;
      expect(manifestOf(ws, run).error!.message).toMatch(
        /^inbox\/mystery\.csv: no known export format matches this header; columns found: \(see the build log\); closest: /,
      );
      const shown = shareText(ws, run);
      expect(shown).not.toContain('secret_colour');
      expect(shown).not.toContain(ws.root);
    },
    60_000,
  );
  hostileCase(
    'paths and links',
    'a missing inbox folder fails the run with a clear error; the share names it only as "inbox"',
    async () => {
      const ws = buildWorkspace();
      rmSync(ws.inbox, { recursive: true });
      const error = await runBuild(ws, { settleSeconds: 0 }).then(
        () => null,
        (e: unknown) => e as UserError,
      );
      expect([error?.exitCode, error?.message]).toEqual([1, `${ws.inbox}: the inbox folder does not exist (--inbox, or "inbox" in the config)`]);
      const run = readdirSync(ws.out).find((name) => /^\d{4}-\d{2}-\d{2}/.test(name))!;
      expect(manifestOf(ws, run).error!.message).toBe('inbox: the inbox folder does not exist (--inbox, or "inbox" in the config)');
      expect(shareText(ws, run)).not.toContain(ws.root);
    },
    60_000,
  );
});
