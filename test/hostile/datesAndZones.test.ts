/**
 * Hostile corpus, dates and zones: day/month order for every separator, zone words after a
 * timestamp, epoch units by magnitude, an explicit --date-order, and naive timestamps counted and
 * reported with the zone they were read in. Expected instants are worked out by hand in comments.
 */
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { loadInbox } from '../../src/build/inputs.js';
import { createBuildLog } from '../../src/build/log.js';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { mappingSpec } from '../../src/ingest/mapping.js';
import { zoneAssumption } from '../../src/metrics/zoneAssumption.js';
import { buildModels } from '../../src/models/build.js';
import { reportDefinitions } from '../../src/reportSet.js';
import { escapeKeepingWords } from '../../src/reports/escape.js';
import { renderReportHtml } from '../../src/reports/html.js';
import { openTestWarehouse } from '../helpers/db.js';
import { caseDir, expectLoaded, expectLoadError, hostileCase, rejectReasons, writeInput } from './harness.js';

const iso = (rows: { at: Date | null }[]) => rows.map((r) => (r.at ? new Date(r.at).toISOString() : null));

async function leadsCreated(wh: Warehouse): Promise<(string | null)[]> {
  return iso(await wh.all<{ at: Date | null }>(`select created_at as at from leads order by lead_id`));
}

// An analyst's copy of a lead list, columns named by a mapping file (issue 10, case 6).
const analystMapping = mappingSpec({ object: 'leads', columns: { lead_id: 'Customer No', email: 'Email', created_at: 'first_contact_date' } });

describe('dates and zones', () => {
  hostileCase('dates and zones', 'DD-MM-YYYY with hyphens: order decided over the column, with and without a time', async () => {
    const path = writeInput(
      'leads_edited.csv',
      [
        'Customer No,Email,first_contact_date',
        'C-1001,ana@example.com,20-10-2017', // 20 > 12 in the first part: day first for the column
        'C-1002,bo@example.com,03-11-2017', // so 3 November, not 11 March
        'C-1003,cy@example.com,28-02-2018 14:05',
        'C-1004,di@example.com,5-3-2018 9:30', // single digits: 5 March
        '',
      ].join('\r\n'),
    );
    const { wh, summary } = await expectLoaded([path], { mapping: analystMapping });
    expect(summary.files[0]).toMatchObject({ read: 4, loaded: 4, rejected: 0 });
    expect(await leadsCreated(wh)).toEqual(['2017-10-20T00:00:00.000Z', '2017-11-03T00:00:00.000Z', '2018-02-28T14:05:00.000Z', '2018-03-05T09:30:00.000Z']);
  });

  hostileCase('dates and zones', 'MM-DD-YYYY with hyphens and AM/PM reads month first', async () => {
    const path = writeInput(
      'leads_us.csv',
      [
        'Customer No,Email,first_contact_date',
        'C-1,ana@example.com,10-20-2017 2:05 PM', // 20 > 12 in the second part: month first
        'C-2,bo@example.com,11-03-2017 9:00 AM', // so 3 November
        '',
      ].join('\n'),
    );
    const { wh } = await expectLoaded([path], { mapping: analystMapping });
    expect(await leadsCreated(wh)).toEqual(['2017-10-20T14:05:00.000Z', '2017-11-03T09:00:00.000Z']);
  });

  hostileCase('dates and zones', 'dotted dates that never show a part over 12 ask for --date-order like slashes do', async () => {
    const path = writeInput('stage_events.csv', ['lead_id,stage,entered_at', 'L-1,lead,03.04.2024 10:00', 'L-2,mql,05.06.2024 11:30', ''].join('\n'));
    await expectLoadError([path], ['stage_events.csv', 'entered_at', '--date-order']);
    const { wh } = await expectLoaded([path], { dateOrder: 'dmy' });
    expect(iso(await wh.all(`select entered_at as at from stage_events order by lead_id`))).toEqual(['2024-04-03T10:00:00.000Z', '2024-06-05T11:30:00.000Z']);
  });

  hostileCase('dates and zones', 'a trailing UTC, GMT, +00, UTC+hh:mm or IANA zone is honoured, not shifted by the configured zone', async () => {
    // BigQuery-style Fivetran dump of HubSpot `contact`: timestamps end in " UTC" (issue 11 #1)
    const path = writeInput(
      'contact.csv',
      [
        'id,property_email,property_createdate,property_lifecyclestage,_fivetran_synced,_fivetran_deleted',
        '101,ana@example.com,2024-02-05 01:12:33 UTC,lead,2024-02-06 00:00:00 UTC,false',
        '102,bo@example.com,2024-02-05 09:00:00 +00,lead,2024-02-06 00:00:00 UTC,false',
        '103,cy@example.com,2024-02-05 10:00:00 GMT,lead,2024-02-06 00:00:00 UTC,false',
        '104,di@example.com,2024-02-05 07:30:00 America/New_York,lead,2024-02-06 00:00:00 UTC,false', // EST: 12:30Z
        '105,ed@example.com,2024-02-05 08:00:00 UTC+02:00,lead,2024-02-06 00:00:00 UTC,false', // 06:00Z
        '106,fay@example.com,2024-02-05T11:00:00.000 Z,lead,2024-02-06 00:00:00 UTC,false',
        '',
      ].join('\n'),
    );
    const { wh, summary } = await expectLoaded([path], {}, parseConfig({ timezone: 'America/New_York' }));
    expect(summary.files[0]).toMatchObject({ read: 6, loaded: 6, rejected: 0 });
    expect(summary.files[0]!.zone).toBeUndefined(); // nothing was naive
    expect(await leadsCreated(wh)).toEqual([
      '2024-02-05T01:12:33.000Z',
      '2024-02-05T09:00:00.000Z',
      '2024-02-05T10:00:00.000Z',
      '2024-02-05T12:30:00.000Z',
      '2024-02-05T06:00:00.000Z',
      '2024-02-05T11:00:00.000Z',
    ]);
  });

  hostileCase('dates and zones', 'every ISO offset shape is exact and only naive values are counted as naive', async () => {
    const path = writeInput(
      'stage_events.csv',
      [
        'lead_id,stage,entered_at',
        'L-1,lead,2024-02-05T01:12:33+05:30', // 2024-02-04T19:42:33Z
        'L-2,lead,2024-02-05T01:12:33-0500', // 06:12:33Z
        'L-3,lead,2024-02-05 01:12:33 -05:00', // a space before the offset: 06:12:33Z
        'L-4,lead,2024-02-05T01:12:33.000z',
        'L-5,lead,2024-02-05 01:12:33 Etc/GMT+5', // POSIX sign: UTC-5, 06:12:33Z
        'L-6,lead,2024-02-05', // naive: midnight in Europe/Berlin, 2024-02-04T23:00Z
        'L-7,lead,2024-02-05T09:30:00', // naive: 08:30Z
        'L-8,lead,2024-02-05 2:22 PM', // not ISO: unparseable, and not a zone
        'L-9,lead,not a date', // ends in a word, but no timestamp before it: no zone story
        '',
      ].join('\n'),
    );
    const { wh, summary } = await expectLoaded([path], { timezone: 'Europe/Berlin' });
    expect(summary.files[0]).toMatchObject({ read: 9, loaded: 7, rejected: 2 });
    expect(summary.files[0]!.zone).toEqual({ zone: 'Europe/Berlin', naiveValues: 2, columns: ['entered_at'], source: 'option' });
    expect(iso(await wh.all(`select entered_at as at from stage_events order by lead_id`))).toEqual([
      '2024-02-04T19:42:33.000Z',
      '2024-02-05T06:12:33.000Z',
      '2024-02-05T06:12:33.000Z',
      '2024-02-05T01:12:33.000Z',
      '2024-02-05T06:12:33.000Z',
      '2024-02-04T23:00:00.000Z',
      '2024-02-05T08:30:00.000Z',
    ]);
    expect(await rejectReasons(wh)).toEqual([
      { line: 9, reason: 'unparseable date in "entered_at": 2024-02-05 2:22 PM' },
      { line: 10, reason: 'unparseable date in "entered_at": not a date' },
    ]);
  });

  hostileCase('dates and zones', 'an ambiguous zone abbreviation (EST, IST) rejects the row with a reason that says so', async () => {
    const path = writeInput(
      'contact.csv',
      [
        'id,property_email,property_createdate,property_lifecyclestage',
        '201,ana@example.com,2024-02-05 01:12:33 EST,lead',
        '202,bo@example.com,2024-02-05 07:00:00 IST,lead',
        '203,cy@example.com,2024-02-05 08:00:00 UTC,lead',
        '',
      ].join('\n'),
    );
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 1, rejected: 2 });
    const reasons = await rejectReasons(wh);
    expect(reasons.map((r) => r.line)).toEqual([2, 3]);
    expect(reasons[0]!.reason).toContain('"property_createdate": 2024-02-05 01:12:33 EST');
    expect(reasons[0]!.reason).toContain('"EST" is an ambiguous time zone abbreviation');
    expect(reasons[1]!.reason).toContain('"IST" is an ambiguous time zone abbreviation');
    expect(await leadsCreated(wh)).toEqual(['2024-02-05T08:00:00.000Z']);
  });

  hostileCase('dates and zones', 'an explicit --date-order dmy wins over a value with a second part over 12', async () => {
    // Salesforce Leads report (en_GB running user), 15-character ids (issue 11 #3)
    const path = writeInput(
      'leads_report.csv',
      [
        '"Lead ID","Company / Account","Lead Status","Create Date"',
        '"00Q5g00000AbCd1","Acme","Open - Not Contacted","03/04/2024"',
        '"00Q5g00000AbCd2","Globex","Open - Not Contacted","04/25/2024"',
        '"00Q5g00000AbCd3","Initech","Working - Contacted","12/05/2024 14:22"',
        '',
      ].join('\r\n'),
    );
    const { wh, summary } = await expectLoaded([path], { dateOrder: 'dmy' });
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    const reasons = await rejectReasons(wh);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]!.line).toBe(3);
    expect(reasons[0]!.reason).toContain('"Create Date": 04/25/2024');
    expect(reasons[0]!.reason).toContain('(25 is not a month; read day first, as --date-order dmy says)');
    expect(iso(await wh.all(`select created_at as at from leads order by company`))).toEqual(['2024-04-03T00:00:00.000Z', '2024-05-12T14:22:00.000Z']);
  });

  hostileCase('dates and zones', 'epoch values: seconds, milliseconds and microseconds by magnitude; outside 1990-2099 rejected', async () => {
    // flat property history built from the HubSpot API: `timestamp` in epoch units (issue 11 #4)
    const path = writeInput(
      'contacts_property_history.csv',
      [
        'Record ID,Property,Value,Timestamp',
        '301,lifecyclestage,lead,1772841600000', // ms: 2026-03-07T00:00Z
        '301,lifecyclestage,marketingqualifiedlead,1772845200', // s: 2026-03-07T01:00Z (was 1970-01-21)
        '301,hs_lead_status,OPEN,1772848800000000', // µs: 2026-03-07T02:00Z
        '302,lifecyclestage,lead,99999999999', // 5138 as seconds, 1973 as ms: neither
        '303,lifecyclestage,lead,315532800', // 1980-01-01 as seconds: before 1990
        '',
      ].join('\n'),
    );
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 5, loaded: 3, rejected: 2 });
    expect(iso(await wh.all(`select changed_at as at from field_history order by changed_at`))).toEqual([
      '2026-03-07T00:00:00.000Z',
      '2026-03-07T01:00:00.000Z',
      '2026-03-07T02:00:00.000Z',
    ]);
    const reasons = await rejectReasons(wh);
    expect(reasons.map((r) => r.line)).toEqual([5, 6]);
    for (const r of reasons) expect(r.reason).toContain('outside 1990-2099 as epoch seconds, milliseconds or microseconds');
    expect(summary.files[0]!.zone).toBeUndefined(); // epoch values are instants, never naive
  });

  const hubspotContactsUi = [
    'Record ID,First Name,Email,Create Date,Lifecycle Stage,Became a Lead Date,Became a Marketing Qualified Lead Date',
    '1,Ana,ana@example.com,2024-03-05 14:22,lead,2024-03-05 14:22,',
    '2,Bo,bo@example.com,2024-03-06 09:10,marketingqualifiedlead,2024-03-06 09:10,2024-03-07 11:00',
    '3,Cy,cy@example.com,2024-03-07 16:45,lead,2024-03-07 16:45,',
  ];
  const naiveColumns = ['Create Date', 'Became a Lead Date', 'Became a Marketing Qualified Lead Date'];

  hostileCase('dates and zones', 'naive timestamps read as UTC without a zone are counted and said, in the summary and load_runs', async () => {
    const path = writeInput('hubspot-contacts.csv', `\uFEFF${hubspotContactsUi.join('\r\n')}\r\n`);
    const { wh, summary } = await expectLoaded([path]);
    // 3 Create Date + 3 Became a Lead + 1 Became an MQL (issue 10, case 8)
    expect(summary.files[0]!.zone).toEqual({ zone: 'UTC', naiveValues: 7, columns: naiveColumns, source: 'default' });
    expect(summary.zoneNote).toBe('Naive timestamps read as UTC (no zone configured): 7 values in 1 file — set "timezone" in revops.config.json or --timezone');
    expect(await wh.all(`select naive_timestamps, zone_assumed, zone_source from load_runs`)).toEqual([
      { naive_timestamps: 7, zone_assumed: 'UTC', zone_source: 'default' },
    ]);
    expect(await leadsCreated(wh)).toEqual(['2024-03-05T14:22:00.000Z', '2024-03-06T09:10:00.000Z', '2024-03-07T16:45:00.000Z']);
  });

  hostileCase('dates and zones', 'naive values of several files are summed in one note; a zoned file is left out of it', async () => {
    const dir = caseDir();
    writeInput('hubspot-contacts.csv', [...hubspotContactsUi, ''].join('\n'), dir);
    writeInput(
      'leads_report.csv',
      [
        '"Lead ID","Company / Account","Lead Status","Create Date"',
        '"00Q5g00000AbCd1","Acme","Open - Not Contacted","3/5/2024 2:22 PM"', // en_US running user
        '"00Q5g00000AbCd2","Globex","Open - Not Contacted","3/15/2024 9:05 AM"', // 15 > 12 second: month first
        '',
      ].join('\r\n'),
      dir,
    );
    writeInput('Lead.csv', ['Id,Company,Status,CreatedDate', '00Q5g00000AbCd3XYZ,Initech,Open,2024-03-05T14:22:10.000Z', ''].join('\n'), dir);
    const { wh, summary } = await expectLoaded([dir]);
    expect(summary.files.map((f) => f.zone?.naiveValues ?? 0)).toEqual([7, 0, 2]); // files in name order
    expect(summary.zoneNote).toBe(
      'Naive timestamps read as UTC (no zone configured): 9 values in 2 files — set "timezone" in revops.config.json or --timezone',
    );
    expect(await wh.all(`select file_name, naive_timestamps, zone_source from load_runs order by load_id`)).toEqual([
      { file_name: 'hubspot-contacts.csv', naive_timestamps: 7, zone_source: 'default' },
      { file_name: 'Lead.csv', naive_timestamps: 0, zone_source: null },
      { file_name: 'leads_report.csv', naive_timestamps: 2, zone_source: 'default' },
    ]);
  });

  hostileCase('dates and zones', 'a warehouse made before the zone columns gets them, and loads into it', async () => {
    const path = join(caseDir(), 'old.duckdb');
    const old = await Warehouse.open({ path, skipSchema: true });
    await old.run(`create table load_runs (load_id integer primary key, path varchar not null, file_name varchar not null,
      detected_crm varchar not null, object varchar not null, variant varchar, checksum varchar not null, encoding varchar not null,
      delimiter varchar not null, snapshot_at timestamptz, rows_read integer not null, rows_loaded integer not null,
      rows_rejected integer not null, rows_duplicate integer not null, started_at timestamptz not null, finished_at timestamptz not null)`);
    old.close();
    const wh = await Warehouse.open({ path });
    try {
      const input = writeInput('hubspot-contacts.csv', [...hubspotContactsUi, ''].join('\n'));
      await expectLoaded([input], {}, undefined, wh);
      expect(await wh.all(`select naive_timestamps, zone_assumed from load_runs`)).toEqual([{ naive_timestamps: 7, zone_assumed: 'UTC' }]);
    } finally {
      wh.close();
    }
  });

  hostileCase(
    'dates and zones',
    'every report header says when naive timestamps were read in an assumed UTC',
    async () => {
      const { wh } = await expectLoaded([writeInput('hubspot-contacts.csv', [...hubspotContactsUi, ''].join('\n'))]);
      const config = parseConfig({});
      await buildModels(wh, config, { force: true });
      const note = 'Naive timestamps read as UTC (no zone configured): 7 values in 1 file — set "timezone" in revops.config.json or --timezone';
      expect(await zoneAssumption(wh)).toBe(note);
      for (const definition of reportDefinitions) {
        const made = await definition.make(wh, config, { outDir: caseDir(), asOf: '2024-04-01T00:00:00Z' });
        expect({ report: definition.name, note: (made.json as { zoneAssumption?: string }).zoneAssumption }).toEqual({ report: definition.name, note });
        const html = await renderReportHtml(made.document);
        const header = html.slice(html.indexOf('<header class="report-header">'), html.indexOf('</header>'));
        expect(header).toContain(`<dt>Time zone</dt><dd>${escapeKeepingWords(note)}</dd>`);
      }
    },
    60_000,
  );

  hostileCase('dates and zones', 'a scheduled build keeps the zone note among its manifest warnings', async () => {
    const inbox = caseDir();
    writeInput('hubspot-contacts.csv', [...hubspotContactsUi, ''].join('\n'), inbox);
    const wh = await openTestWarehouse();
    const quiet = createBuildLog({ format: 'text', tty: false });
    expect((await loadInbox(wh, parseConfig({}), inbox, quiet, { settleSeconds: 0 })).warnings).toContain(
      'Naive timestamps read as UTC (no zone configured): 7 values in 1 file — set "timezone" in revops.config.json or --timezone',
    );
  });

  hostileCase('config', 'a configured zone reads naive timestamps in it and says where the zone came from', async () => {
    const path = writeInput('hubspot-contacts.csv', [...hubspotContactsUi, ''].join('\n'));
    const { wh, summary } = await expectLoaded([path], {}, parseConfig({ timezone: 'America/New_York' }));
    expect(summary.files[0]!.zone).toEqual({ zone: 'America/New_York', naiveValues: 7, columns: naiveColumns, source: 'config' });
    expect(summary.zoneNote).toBeUndefined(); // the user chose the zone: nothing assumed
    expect(await zoneAssumption(wh)).toBeUndefined();
    // EST (UTC-5) until 10 March 2024
    expect(await leadsCreated(wh)).toEqual(['2024-03-05T19:22:00.000Z', '2024-03-06T14:10:00.000Z', '2024-03-07T21:45:00.000Z']);
  });

  hostileCase('cli values', '--timezone beats the config and is reported as the option', async () => {
    const path = writeInput('hubspot-contacts.csv', [...hubspotContactsUi, ''].join('\n'));
    const { summary } = await expectLoaded([path], { timezone: 'Europe/Berlin' }, parseConfig({ timezone: 'America/New_York' }));
    expect(summary.files[0]!.zone).toMatchObject({ zone: 'Europe/Berlin', source: 'option', naiveValues: 7 });
  });

  hostileCase('dates and zones', 'a header naming its zone in parentheses reads that column in it', async () => {
    const path = writeInput(
      'hubspot-contacts.csv',
      [
        'Record ID,Email,Create Date (America/Los_Angeles),Lifecycle Stage',
        '1,ana@example.com,2024-03-05 14:22,lead', // PST (UTC-8): 22:22Z
        '',
      ].join('\n'),
    );
    const { wh, summary } = await expectLoaded([path], {}, parseConfig({ timezone: 'Europe/Berlin' }));
    expect(summary.files[0]!.zone).toEqual({ zone: 'America/Los_Angeles', naiveValues: 1, columns: ['Create Date (America/Los_Angeles)'], source: 'file' });
    expect(await leadsCreated(wh)).toEqual(['2024-03-05T22:22:00.000Z']);
  });

  hostileCase('dates and zones', 'with one column zoned by its header, the summary is about the columns read in the load zone', async () => {
    const path = writeInput(
      'hubspot-contacts.csv',
      [
        'Record ID,Email,Create Date (America/Los_Angeles),Lifecycle Stage,Became a Lead Date',
        '1,ana@example.com,2024-03-05 14:22,lead,2024-03-05 14:22', // 22:22Z and 14:22Z
        '',
      ].join('\n'),
    );
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]!.zone).toEqual({ zone: 'UTC', naiveValues: 1, columns: ['Became a Lead Date'], source: 'default' });
    expect(await leadsCreated(wh)).toEqual(['2024-03-05T22:22:00.000Z']);
    expect(iso(await wh.all(`select entered_at as at from stage_events`))).toEqual(['2024-03-05T14:22:00.000Z']);
  });

  hostileCase('dates and zones', 'exact timestamps and calendar dates are not naive: no zone note', async () => {
    const path = writeInput(
      'deals.csv',
      ['Record ID,Deal Name,Deal Stage,Close Date,Create Date', '9001,Acme renewal,Closed Won,2024-04-02,2024-03-01T10:00:00.000Z', ''].join('\n'),
    );
    const { summary } = await expectLoaded([path]);
    expect(summary.files[0]!.zone).toBeUndefined();
    expect(summary.zoneNote).toBeUndefined();
  });

  hostileCase('config', 'an unknown IANA zone after a timestamp is rejected by name', async () => {
    const path = writeInput(
      'contact.csv',
      [
        'id,property_email,property_createdate',
        '401,ana@example.com,2024-02-05 01:12:33 Mars/Olympus_Mons',
        '402,bo@example.com,2024-02-05 01:12:33 Europe/Paris', // CET: 00:12:33Z
        '',
      ].join('\n'),
    );
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 1, rejected: 1 });
    expect((await rejectReasons(wh))[0]!.reason).toContain('unknown time zone "Mars/Olympus_Mons"');
    expect(await leadsCreated(wh)).toEqual(['2024-02-05T00:12:33.000Z']);
  });
});
