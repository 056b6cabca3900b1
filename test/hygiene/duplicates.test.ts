/**
 * Duplicates in tiers on hand-built leads: each tier finds its pairs and says why, the near-misses
 * stay apart, a pair is listed at the first tier that finds it, and the survivor rule (CRM, then
 * most complete, then oldest) picks the record that stays, in the configured order.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { duplicatesSection } from '../../src/hygiene/duplicates.js';
import { openTestWarehouse } from '../helpers/db.js';
import { insertFields, insertLeads } from './support.js';

const pairsOf = (d: Awaited<ReturnType<typeof duplicatesSection>>) =>
  d.pairs.map((p) => `${p.tier} ${p.matchedOn} ${p.key}: ${p.leadId} → ${p.survivorId}`).sort();

describe('duplicates by tier', () => {
  it('matches each tier on its key and leaves the near-misses apart', async () => {
    const wh = await openTestWarehouse();
    await insertLeads(wh, [
      // tier 1: the same address typed twice, once with a trailing space
      { id: 'A1', email: 'ann@acme.com', first: 'Ann', last: 'Lee', created: '2025-01-01T00:00:00Z' },
      { id: 'A2', email: 'ann@acme.com ', first: 'Ann', last: 'Lee', created: '2025-02-01T00:00:00Z' },
      // tier 2: case, +tag, Gmail dots and googlemail
      { id: 'B1', email: 'John.Smith@gmail.com', first: 'John', last: 'Smith', created: '2025-01-01T00:00:00Z' },
      { id: 'B2', email: 'johnsmith+webinar@googlemail.com', first: 'Johnny', last: 'Smith', created: '2025-03-01T00:00:00Z' },
      // near-miss: same local part without dots, but at Yahoo, where dots count
      { id: 'B3', email: 'johnsmith@yahoo.com', first: 'John', last: 'Smith', created: '2025-01-01T00:00:00Z' },
      // near-miss: dots matter outside Gmail
      { id: 'B4', email: 'j.doe@initech.com', first: 'Jane', last: 'Doe' },
      { id: 'B5', email: 'jdoe@initech.com', first: 'Janet', last: 'Doe' },
      // tier 3, name + company domain: accents and case in the name
      { id: 'C1', email: 'jose.garcia@globex.com', first: 'José', last: 'García', created: '2025-01-01T00:00:00Z' },
      { id: 'C2', email: 'jgarcia@globex.com', first: 'jose', last: 'GARCIA', created: '2025-05-01T00:00:00Z' },
      // near-miss: same name, different company domain
      { id: 'C3', email: 'jose.garcia@umbrella.com', first: 'José', last: 'García' },
      // near-miss: same name at a free-mail domain is not the same company
      { id: 'C4', email: 'mike.ross@gmail.com', first: 'Mike', last: 'Ross' },
      { id: 'C5', email: 'mross77@gmail.com', first: 'Mike', last: 'Ross' },
      // tier 3, name + phone: +1 written two ways, and a national number with the lead's country
      { id: 'D1', email: 'kim@hooli.com', first: 'Kim', last: 'Park', created: '2025-01-01T00:00:00Z' },
      { id: 'D2', email: 'kpark@piedpiper.com', first: 'Kim', last: 'Park', created: '2025-04-01T00:00:00Z' },
      { id: 'D3', email: 'k.park@other.de', first: 'Kim', last: 'Park', created: '2025-06-01T00:00:00Z' },
      { id: 'D4', email: 'kim.park@nowhere.io', first: 'Kim', last: 'Park', created: '2025-07-01T00:00:00Z' },
      // tier 4: one account, spellings that differ in case, punctuation and legal suffix
      { id: 'E1', email: 'a@e1.com', company: 'Acme, Inc.', first: 'Al', last: 'One', created: '2025-01-01T00:00:00Z' },
      { id: 'E2', email: 'b@e2.com', company: 'ACME Inc', first: 'Bo', last: 'Two', created: '2025-02-01T00:00:00Z' },
      { id: 'E3', email: 'c@e3.com', company: 'Acme', first: 'Cy', last: 'Three', created: '2025-03-01T00:00:00Z' },
      // near-miss: another company that starts the same
      { id: 'E4', email: 'd@e4.com', company: 'Acme Labs', first: 'Di', last: 'Four' },
      { id: 'E5', email: 'e@e5.com', company: 'Globex S.A.', first: 'Ed', last: 'Five' },
      { id: 'E6', email: 'f@e6.com', company: 'globex sa', first: 'Flo', last: 'Six' },
    ]);
    await insertFields(wh, [
      ['D1', 'phone', '+1 (415) 555-0100'],
      ['D2', 'phone_number', '415.555.0100'],
      ['D2', 'country', 'United States'],
      // a German national number with the trunk 0: +49 30 1234567
      ['D3', 'phone', '030 1234567'],
      ['D3', 'country', 'Germany'],
      ['D4', 'mobilephone', '+49 30 1234567'],
    ]);
    const d = await duplicatesSection(wh, parseConfig({}));
    expect(pairsOf(d)).toEqual([
      '1 email ann@acme.com: A2 → A1',
      '2 email_normalised johnsmith@gmail.com: B2 → B1',
      '3 name+domain jose garcia @globex.com: C2 → C1',
      // D2 has a country as well as a phone: the more complete record survives
      '3 name+phone kim park +14155550100: D1 → D2',
      '3 name+phone kim park +49301234567: D4 → D3',
    ]);
    expect(d.accounts.map((a) => [a.key, a.spelling, a.isSurvivor])).toEqual([
      ['acme', 'Acme, Inc.', true],
      ['acme', 'ACME Inc', false],
      ['acme', 'Acme', false],
      ['globex', 'Globex S.A.', true],
      ['globex', 'globex sa', false],
    ]);
    expect(d.tiers.map((t) => [t.tier, t.clusters, t.duplicates])).toEqual([
      [1, 1, 1],
      [2, 1, 1],
      [3, 3, 3],
      [4, 2, 3],
    ]);
    expect(d.leads).toBe(22);
    expect(d.duplicateLeads).toBe(5);
    expect(d.duplicateRate).toBe(5 / 22);
  });

  it('counts a company written with spaces at either end under its trimmed spelling, and one that normalises to nothing in no account', async () => {
    const wh = await openTestWarehouse();
    await insertLeads(wh, [
      { id: 'T1', email: 't1@t1.com', first: 'Tia', last: 'One', company: ' Initech LLC ', created: '2025-01-01T00:00:00Z' },
      { id: 'T2', email: 't2@t2.com', first: 'Tom', last: 'Two', company: 'Initech LLC', created: '2025-02-01T00:00:00Z' },
      { id: 'T3', email: 't3@t3.com', first: 'Ty', last: 'Three', company: 'initech', created: '2025-03-01T00:00:00Z' },
      { id: 'T4', email: 't4@t4.com', first: 'Tad', last: 'Four', company: '...' },
      { id: 'T5', email: 't5@t5.com', first: 'Tess', last: 'Five', company: '.' },
    ]);
    const d = await duplicatesSection(wh, parseConfig({}));
    expect(d.accounts.map((a) => [a.key, a.spelling, a.leads, a.survivorSpelling, a.isSurvivor])).toEqual([
      ['initech', 'Initech LLC', 2, 'Initech LLC', true],
      ['initech', 'initech', 1, 'Initech LLC', false],
    ]);
    expect(d.accountSpellings).toBe(2);
    expect(d.tiers.find((t) => t.tier === 4)).toMatchObject({ clusters: 1, duplicates: 1 });
  });

  it('lists a pair once, at the first tier that finds it', async () => {
    const wh = await openTestWarehouse();
    await insertLeads(wh, [
      { id: 'X1', email: 'Pat@Acme.com', first: 'Pat', last: 'Kay', company: 'Acme' },
      { id: 'X2', email: 'Pat@Acme.com', first: 'Pat', last: 'Kay', company: 'Acme' },
      { id: 'X3', email: 'pat@acme.com', first: 'Pat', last: 'Kay', company: 'Acme' },
    ]);
    const d = await duplicatesSection(wh, parseConfig({}));
    // X2 at tier 1; X3 joins them at tier 2; tier 3's name+domain cluster finds nobody new
    expect(pairsOf(d)).toEqual(['1 email Pat@Acme.com: X2 → X1', '2 email_normalised pat@acme.com: X3 → X1']);
    expect(d.tiers.map((t) => t.duplicates)).toEqual([1, 1, 0, 0]);
    expect(d.duplicateLeads).toBe(2);
  });
});

describe('the survivor rule', () => {
  const rows = [
    // marketing automation, oldest, most complete
    { id: 'M1', system: 'marketo', email: 'sam@corp.com', first: 'Sam', last: 'Ng', company: 'Corp', account: 'ACC1', created: '2024-01-01T00:00:00Z' },
    // the CRM record, newer and emptier
    { id: 'S1', system: 'salesforce', email: 'sam@corp.com', first: 'Sam', last: 'Ng', created: '2025-01-01T00:00:00Z' },
    // another CRM record, older still but emptier
    { id: 'S2', system: 'salesforce', email: 'sam@corp.com', first: null, last: 'Ng', created: '2024-06-01T00:00:00Z' },
  ];

  it('keeps the CRM record, then the most complete, then the oldest', async () => {
    const wh = await openTestWarehouse();
    await insertLeads(wh, rows);
    const d = await duplicatesSection(wh, parseConfig({}));
    expect(d.pairs.map((p) => [p.leadId, p.survivorId, p.sourceSystem, p.survivorSourceSystem])).toEqual([
      ['M1', 'S1', 'marketo', 'salesforce'],
      ['S2', 'S1', 'salesforce', 'salesforce'],
    ]);
    expect(d.survivorRule).toEqual(['crm', 'complete', 'oldest']);
  });

  it('follows the configured order', async () => {
    const wh = await openTestWarehouse();
    await insertLeads(wh, rows);
    const oldest = await duplicatesSection(wh, parseConfig({ hygiene: { survivor: ['oldest'] } }));
    expect(oldest.pairs.map((p) => p.survivorId)).toEqual(['M1', 'M1']);
    const complete = await duplicatesSection(wh, parseConfig({ hygiene: { survivor: ['complete', 'crm'] } }));
    expect(complete.pairs.map((p) => [p.leadId, p.survivorId])).toEqual([
      ['S1', 'M1'],
      ['S2', 'M1'],
    ]);
    const crmIsMarketo = await duplicatesSection(wh, parseConfig({ hygiene: { crmSystems: ['marketo'], survivor: ['crm', 'oldest'] } }));
    expect(crmIsMarketo.pairs.map((p) => p.survivorId)).toEqual(['M1', 'M1']);
  });

  it('refuses a criterion named twice or unknown', () => {
    expect(() => parseConfig({ hygiene: { survivor: ['crm', 'crm'] } })).toThrow(/each survivor criterion once/);
    expect(() => parseConfig({ hygiene: { survivor: ['newest'] } })).toThrow(/hygiene.survivor/);
  });
});
