/**
 * Hostile inputs about who a record is and how CRM text reaches a person: ids that collide across
 * systems, escape sequences in CRM strings and file names, Salesforce's two id forms, and rejected
 * rows beyond the listing cap.
 */
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { main } from '../../src/cli.js';
import { toSalesforceId18 } from '../../src/ingest/salesforceIds.js';
import { writeBreachesCsv } from '../../src/sla/breaches.js';
import { openTestWarehouse } from '../helpers/db.js';
import { warehouseContents } from '../ingest/snapshot.js';
import { loadSlaFixture } from '../sla/support.js';
import { attemptLoad, caseDir, expectLoaded, hostileCase, rejectReasons, writeInput } from './harness.js';

const hubspotHeader = 'Record ID,Email,Company Name,Create Date,Lifecycle Stage,Became a Lead Date';
const canonicalHeader = 'lead_id,email,company,created_at,stage';
const csv = (header: string, rows: string[]) => [header, ...rows, ''].join('\n');
const june = new Date('2024-06-01T00:00:00Z');
const july = new Date('2024-07-01T00:00:00Z');
const collision = (id: string, system: string, load: number, kind = 'lead') =>
  `${kind} id "${id}" already belongs to a ${system} ${kind} (load ${load}); ids from two systems collide`;

describe('identity across systems', () => {
  hostileCase('identity', "a canonical lead with a HubSpot contact's id is rejected, the contact keeps its data", async () => {
    const contacts = writeInput('contacts.csv', csv(hubspotHeader, ['1501,ana@acme.com,Acme,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([contacts], { snapshotAt: june });
    const leads = writeInput(
      'leads.csv',
      csv(canonicalHeader, ['L-7,cy@c.io,C Co,2024-05-21T09:00:00Z,lead', '1501,bob@other.io,Other Inc,2024-05-20T09:00:00Z,mql']),
    );
    const { summary } = await expectLoaded([leads], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1, duplicates: 0 });
    expect(await rejectReasons(wh)).toEqual([{ line: 3, reason: expect.stringContaining(collision('1501', 'hubspot', 1)) }]);
    expect(summary.warnings).toEqual([expect.stringMatching(/leads\.csv: 1 row rejected: its id already belongs to a record from another system/)]);
    expect(await wh.all(`select lead_id, source_system, company, load_id from leads order by lead_id`)).toEqual([
      { lead_id: '1501', source_system: 'hubspot', company: 'Acme', load_id: 1 },
      { lead_id: 'L-7', source_system: 'canonical', company: 'C Co', load_id: 2 },
    ]);
    // the rejected row's snapshot stage (mql) was not inferred onto the HubSpot contact
    expect(await wh.all(`select lead_id, stage_raw, inferred from stage_events order by all`)).toEqual([
      { lead_id: '1501', stage_raw: 'Lead', inferred: false },
    ]);
  });

  hostileCase('identity', "two systems with the same id in one load: the later file's row is rejected", async () => {
    const dir = caseDir();
    const leads = writeInput('a_leads.csv', csv(canonicalHeader, ['77,x@a.io,Alpha,2024-05-01T00:00:00Z,lead']), dir);
    const contacts = writeInput(
      'b_contacts.csv',
      csv(hubspotHeader, ['77,y@b.io,Beta,2024-05-03 10:00,lead,2024-05-03 10:00', '78,z@b.io,Gamma,2024-05-03 11:00,lead,2024-05-03 11:00']),
      dir,
    );
    const { wh, summary } = await expectLoaded([leads, contacts], { snapshotAt: june });
    expect(summary.files.map((f) => [f.loaded, f.rejected])).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: expect.stringContaining(collision('77', 'canonical', 1)) }]);
    expect(await wh.all(`select lead_id, source_system, company from leads order by lead_id`)).toEqual([
      { lead_id: '77', source_system: 'canonical', company: 'Alpha' },
      { lead_id: '78', source_system: 'hubspot', company: 'Gamma' },
    ]);
    // the HubSpot row's "Became a Lead Date" did not attach to the canonical lead 77 either
    expect(await wh.all(`select lead_id, load_id from stage_events order by all`)).toEqual([{ lead_id: '78', load_id: 2 }]);
  });

  hostileCase('identity', 'the same id from the same system still replaces the older export', async () => {
    const older = writeInput('contacts.csv', csv(hubspotHeader, ['1501,ana@acme.com,Acme,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([older], { snapshotAt: june });
    const newer = writeInput('contacts.csv', csv(hubspotHeader, ['1501,ana@acme.com,Acme Renamed,2024-05-02 10:00,marketingqualifiedlead,2024-05-02 10:00']));
    const { summary } = await expectLoaded([newer], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 1, rejected: 0 });
    expect(summary.warnings).toEqual([]);
    expect(await wh.all(`select lead_id, company, load_id from leads`)).toEqual([{ lead_id: '1501', company: 'Acme Renamed', load_id: 2 }]);
  });

  hostileCase('identity', 'an opportunity id that belongs to another system is rejected too', async () => {
    const opps = writeInput(
      'opportunities.csv',
      csv('opportunity_id,lead_id,name,amount,stage,created_at', ['8400000001,L1,Canon deal,100,Closed Won,2024-05-01T00:00:00Z']),
    );
    const { wh } = await expectLoaded([opps], { snapshotAt: june });
    const deals = writeInput(
      'deals.csv',
      csv('Record ID,Deal Name,Deal Stage,Pipeline,Amount,Create Date', ['8400000001,HubSpot deal,closedwon,Sales Pipeline,999,2024-05-02 10:00']),
    );
    const { summary } = await expectLoaded([deals], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 0, rejected: 1 });
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: expect.stringContaining(collision('8400000001', 'canonical', 1, 'opportunity')) }]);
    expect(await wh.all(`select opportunity_id, source_system, name, amount from opportunities`)).toEqual([
      { opportunity_id: '8400000001', source_system: 'canonical', name: 'Canon deal', amount: 100 },
    ]);
  });

  hostileCase('identity', 'a Salesforce 15-character id widened to the 18-character form collides with that canonical id', async () => {
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['00Q5e00000ABCDEFGH,a@a.io,Alpha,2024-05-01T00:00:00Z,lead']));
    const { wh } = await expectLoaded([leads], { snapshotAt: june });
    // 00Q5e00000ABCDE widens to 00Q5e00000ABCDE + its case suffix; pick the canonical id to be exactly that
    const id18 = toSalesforceId18('00Q5e00000ABCDE');
    await wh.run(`update leads set lead_id = $id`, { id: id18 });
    const sf = writeInput('Lead.csv', csv('Lead ID,Company,Lead Status,Create Date', ['00Q5e00000ABCDE,Salesforce Co,Open,2024-05-02T00:00:00Z']));
    const { summary } = await expectLoaded([sf], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 0, rejected: 1 });
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: expect.stringContaining(collision(id18, 'canonical', 1)) }]);
  });

  hostileCase('identity', 'a duplicate of a colliding row stays a duplicate and nothing is counted twice', async () => {
    const contacts = writeInput('contacts.csv', csv(hubspotHeader, ['9,a@a.io,Alpha,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([contacts], { snapshotAt: june });
    const row = '9,b@b.io,Beta,2024-05-20T09:00:00Z,lead';
    const leads = writeInput('leads.csv', csv(canonicalHeader, [row, row, '10,c@c.io,Gamma,2024-05-20T09:00:00Z,lead']));
    const { summary } = await expectLoaded([leads], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 1, rejected: 1, duplicates: 1 });
    expect(summary.warnings).toEqual([expect.stringContaining('leads.csv: 1 row rejected')]);
  });

  hostileCase('identity', 'a header-only export of another system after a load is checked without a crash', async () => {
    const contacts = writeInput('contacts.csv', csv(hubspotHeader, ['5,a@a.io,Alpha,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([contacts], { snapshotAt: june });
    const empty = writeInput('leads.csv', csv(canonicalHeader, []));
    const { summary } = await expectLoaded([empty], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 0, loaded: 0, rejected: 0 });
    expect(summary.warnings).toEqual([expect.stringContaining('header only, 0 rows')]);
  });

  hostileCase('identity', "an id held under two systems by an older warehouse rejects a third system's row once, naming the first load", async () => {
    const contacts = writeInput('contacts.csv', csv(hubspotHeader, ['9,a@a.io,Alpha,2024-05-02 10:00,lead,2024-05-02 10:00']));
    const { wh } = await expectLoaded([contacts], { snapshotAt: june });
    // what a load before the identity check could leave behind
    await wh.run(`insert into leads (lead_id, source_system, company, load_id) values ('9', 'salesforce', 'Old', 7)`);
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['9,b@b.io,Beta,2024-05-20T09:00:00Z,lead']));
    const { summary } = await expectLoaded([leads], { snapshotAt: july }, undefined, wh);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 0, rejected: 1 });
    expect(await rejectReasons(wh)).toEqual([{ line: 2, reason: expect.stringContaining(collision('9', 'hubspot', 1)) }]);
  });

  hostileCase('identity', 'a failing file after a collision rolls the whole load back', async () => {
    const wh = await openTestWarehouse();
    const dir = caseDir();
    await expectLoaded(
      [writeInput('contacts.csv', csv(hubspotHeader, ['5,a@a.io,Alpha,2024-05-02 10:00,lead,2024-05-02 10:00']), dir)],
      { snapshotAt: june },
      undefined,
      wh,
    );
    const before = await warehouseContents(wh);
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['5,b@b.io,Beta,2024-05-20T09:00:00Z,lead']), dir);
    const broken = writeInput('zz.csv', 'lead_id,stage\n', dir);
    const result = await attemptLoad(wh, [leads, broken], { snapshotAt: july });
    expect(result).toHaveProperty('exitCode', 1);
    expect(await warehouseContents(wh)).toEqual(before);
  });
});

/** What `work` writes to stdout and stderr, with both seen as a terminal (or not). */
async function capture<T>(work: () => Promise<T>, tty = true): Promise<{ result: T; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const writes = { out: process.stdout.write, err: process.stderr.write };
  const ttys = { out: process.stdout.isTTY, err: process.stderr.isTTY };
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => err.push(String(chunk)) > 0) as typeof process.stderr.write;
  Object.defineProperty(process.stdout, 'isTTY', { value: tty, configurable: true });
  Object.defineProperty(process.stderr, 'isTTY', { value: tty, configurable: true });
  try {
    const result = await work();
    return { result, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = writes.out;
    process.stderr.write = writes.err;
    Object.defineProperty(process.stdout, 'isTTY', { value: ttys.out, configurable: true });
    Object.defineProperty(process.stderr, 'isTTY', { value: ttys.err, configurable: true });
  }
}

/** The CLI in-process, as a person at a terminal runs it: stdout, stderr and exit code. */
async function runCli(args: string[], tty = true): Promise<{ code: number; stdout: string; stderr: string }> {
  const { result, stdout, stderr } = await capture(() => main(['node', 'revops-report', ...args]), tty);
  return { code: result, stdout, stderr };
}

/** ESC, BEL, CSI/OSC introducers (7- and 8-bit), DEL and the other C0/C1 controls, bar newline. */
const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const esc = '\u001b';
const osc8 = (url: string, text: string) => `${esc}]8;;${url}${esc}\\${text}${esc}]8;;${esc}\\`;

describe('CRM text on the terminal', () => {
  hostileCase('terminal and html output', 'ANSI and OSC sequences in a company name are shown escaped by `lead`', async () => {
    const dir = caseDir();
    const db = join(dir, 'wh.duckdb');
    const company = `Acme${esc}]0;pwned${'\u0007'}${esc}[2J${esc}[31m\u009b1mRed\nSecond line`;
    const leads = writeInput('leads.csv', csv(canonicalHeader, [`L1,a@a.io,"${company}",2024-05-01T00:00:00Z,lead`]), dir);
    expect((await runCli(['load', leads, '--db', db, '--max-reject-rate', '1'])).code).toBe(0);
    const run = await runCli(['lead', 'L1', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(rawControl);
    // the header line holds the whole name on one line, every control visible
    expect(run.stdout.split('\n')[0]).toBe('Lead L1  a@a.io  Acme\\x1b]0;pwned\\x07\\x1b[2J\\x1b[31m\\x9b1mRed\\nSecond line');
    // JSON keeps the value, with the C1 introducer as a \u escape (JSON escapes C0 itself)
    const json = await runCli(['lead', 'L1', '--db', db, '--format', 'json']);
    expect(json.stdout).not.toMatch(rawControl);
    expect((JSON.parse(json.stdout) as { lead: { company: string } }).lead.company).toBe(company);
  });

  hostileCase('terminal and html output', 'an OSC 8 hyperlink in a rejected value is not planted by the `rejects` table', async () => {
    const dir = caseDir();
    const db = join(dir, 'wh.duckdb');
    const link = osc8('https://evil.example/', 'click me');
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['L0,b@b.io,Beta,2024-05-01T00:00:00Z,lead', `L1,a@a.io,Acme,"${link}",lead`]), dir);
    expect((await runCli(['load', leads, '--db', db, '--max-reject-rate', '1'])).code).toBe(0);
    const run = await runCli(['rejects', '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(rawControl);
    expect(run.stdout).toContain('unparseable date in "created_at": \\x1b]8;;https://evil.example/\\x1b\\click me\\x1b]8;;\\x1b\\');
    // CSV on a terminal is escaped too; piped, it carries the value as it was
    const shown = await runCli(['rejects', '--db', db, '--format', 'csv']);
    expect(shown.stdout.replace(/\r\n/g, '\n')).not.toMatch(rawControl);
    expect(shown.stdout).toContain('\\x1b]8;;https://evil.example/');
    const piped = await runCli(['rejects', '--db', db, '--format', 'csv'], false);
    expect(piped.stdout).toContain(link);
  });

  hostileCase('terminal and html output', 'control characters in a file name are escaped in progress, summary and errors', async () => {
    const dir = caseDir();
    const db = join(dir, 'wh.duckdb');
    const name = `leads${esc}]0;title${'\u0007'}${esc}[2K\r.csv`;
    const leads = writeInput(name, csv(canonicalHeader, ['L1,a@a.io,Acme,2024-05-01T00:00:00Z,lead']), dir);
    const run = await runCli(['load', leads, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('leads\\x1b]0;title\\x07\\x1b[2K\\r.csv');
    // the progress line's own redraw (carriage return, erase line) is ours: the name's \r is escaped
    expect(run.stderr.replaceAll('\r\x1b[K', '') + run.stdout).not.toMatch(rawControl);
    expect(run.stdout).toContain('leads\\x1b]0;title\\x07\\x1b[2K\\r.csv');
    // an error that quotes the file's own header values
    const odd = writeInput(`odd${esc}[5m.csv`, csv(`lead_id${esc}[8m,stage`, ['x,y']), dir);
    const failed = await runCli(['load', odd, '--db', db]);
    expect(failed.code).toBe(1);
    expect(failed.stderr.replaceAll('\r\x1b[K', '')).not.toMatch(rawControl);
    expect(failed.stderr).toContain('odd\\x1b[5m.csv');
  });

  hostileCase('terminal and html output', 'a direction override in a value cannot reorder a table row', async () => {
    const dir = caseDir();
    const db = join(dir, 'wh.duckdb');
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['L1,a@a.io,\u202eevil\u202c Corp,2024-05-01T00:00:00Z,lead']), dir);
    expect((await runCli(['load', leads, '--db', db, '--max-reject-rate', '1'])).code).toBe(0);
    const run = await runCli(['lead', 'L1', '--db', db]);
    expect(run.stdout.split('\n')[0]).toBe('Lead L1  a@a.io  \\u202eevil\\u202c Corp');
  });
});

describe('CRM text on the terminal, continued', () => {
  hostileCase('terminal and html output', "the full SLA breach CSV on a terminal shows an owner name's escape sequence escaped", async () => {
    const wh = await openTestWarehouse();
    await loadSlaFixture(wh);
    // the owner's name is the lead's (sla_lead_attributes reads dim_leads)
    await wh.run(`update dim_leads set owner_name = $owner where lead_id = 'L08'`, { owner: `Ana${esc}]0;owned${'\u0007'}` });
    const shown = await capture(() => writeBreachesCsv(wh));
    expect(shown.stdout.replace(/\r\n/g, '\n')).not.toMatch(rawControl);
    expect(shown.stdout).toContain('Ana\\x1b]0;owned\\x07');
    const piped = await capture(() => writeBreachesCsv(wh), false);
    expect(piped.stdout).toContain(`Ana${esc}]0;owned${'\u0007'}`);
  });
});

describe('CLI values', () => {
  hostileCase('cli values', '`lead` finds a Salesforce lead by its 15-character id and by its 18-character id in any case', async () => {
    const dir = caseDir();
    const db = join(dir, 'wh.duckdb');
    const id15 = '00Q5e00000ABCDE';
    const id18 = toSalesforceId18(id15);
    const sf = writeInput('Lead.csv', csv('Id,Company,Status,CreatedDate', [`${id18},Salesforce Co,Open - Not Contacted,2024-05-02T00:00:00.000Z`]), dir);
    expect((await runCli(['load', sf, '--db', db])).code).toBe(0);
    for (const typed of [id15, id18, id18.toLowerCase(), id18.toUpperCase()]) {
      const run = await runCli(['lead', typed, '--db', db, '--format', 'json']);
      expect(run.code, `${typed}: ${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ leadId: id18, lead: { company: 'Salesforce Co' } });
    }
    // a 15-character id is case-sensitive: another case is another record
    const wrongCase = await runCli(['lead', id15.toLowerCase(), '--db', db]);
    expect(wrongCase.code).toBe(1);
    expect(wrongCase.stderr).toContain(`no lead with id "${id15.toLowerCase()}"`);
  });

  hostileCase('cli values', '`lead` with an 18-character id that matches two leads in another case asks for the exact id', async () => {
    const dir = caseDir();
    const db = join(dir, 'wh.duckdb');
    const leads = writeInput(
      'leads.csv',
      csv(canonicalHeader, ['ABCDEFGHIJKLMNOPQR,a@a.io,Upper,2024-05-01T00:00:00Z,lead', 'abcdefghijklmnopqr,b@b.io,Lower,2024-05-01T00:00:00Z,lead']),
      dir,
    );
    expect((await runCli(['load', leads, '--db', db, '--max-reject-rate', '1'])).code).toBe(0);
    const exact = await runCli(['lead', 'abcdefghijklmnopqr', '--db', db, '--format', 'json']);
    expect(JSON.parse(exact.stdout)).toMatchObject({ leadId: 'abcdefghijklmnopqr', lead: { company: 'Lower' } });
    const mixed = await runCli(['lead', 'Abcdefghijklmnopqr', '--db', db]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toBe(
      'revops-report: lead id "Abcdefghijklmnopqr" matches 2 leads in another case: "ABCDEFGHIJKLMNOPQR", "abcdefghijklmnopqr"; type the id exactly\n',
    );
  });

  hostileCase('cli values', 'an id with an escape sequence is quoted escaped in the not-found error', async () => {
    const dir = caseDir();
    const db = join(dir, 'wh.duckdb');
    const leads = writeInput('leads.csv', csv(canonicalHeader, ['L1,a@a.io,Acme,2024-05-01T00:00:00Z,lead']), dir);
    expect((await runCli(['load', leads, '--db', db, '--max-reject-rate', '1'])).code).toBe(0);
    const run = await runCli(['lead', `L1${esc}]0;x${'\u0007'}`, '--db', db]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('revops-report: no lead with id "L1\\x1b]0;x\\x07" in the warehouse\n');
  });

  hostileCase(
    'cli values',
    '`rejects --format csv` writes every rejected row; the table and JSON say when they are capped',
    async () => {
      const dir = caseDir();
      const db = join(dir, 'wh.duckdb');
      const rows = Array.from({ length: 1203 }, (_, i) => `L${i},a@a.io,Acme,not a date ${i},lead`);
      const leads = writeInput('leads.csv', csv(canonicalHeader, rows), dir);
      expect((await runCli(['load', leads, '--db', db, '--max-reject-rate', '1'])).code).toBe(0);
      const all = await runCli(['rejects', '--db', db, '--format', 'csv'], false);
      expect(all.code).toBe(0);
      const lines = all.stdout.trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + 1203);
      expect(lines.at(-1)).toContain('not a date 1202');
      expect(all.stderr).toBe('');
      const table = await runCli(['rejects', '--db', db]);
      expect(table.stdout.trimEnd().split('\n')).toHaveLength(2 + 1000);
      expect(table.stderr).toContain('showing 1,000 of 1,203 rejected rows; --limit N or --format csv for all');
      const json = await runCli(['rejects', '--db', db, '--format', 'json', '--limit', '5'], false);
      expect(JSON.parse(json.stdout)).toHaveLength(5);
      expect(json.stderr).toContain('showing 5 of 1,203 rejected rows');
      const capped = await runCli(['rejects', '--db', db, '--format', 'csv', '--limit', '10'], false);
      expect(capped.stdout.trimEnd().split('\r\n')).toHaveLength(11);
      expect(capped.stderr).toContain('showing 10 of 1,203 rejected rows');
      const uncapped = await runCli(['rejects', '--db', db, '--limit', '5000']);
      expect(uncapped.stderr).toBe('');
    },
    60_000,
  );
});
