/**
 * Fit field rules: every condition kind, derived email fields, and field values as of the
 * decision (history first, today's value only when the field has no history, and flagged).
 * Points are powers of two so a total names exactly the rules that matched.
 */
import { describe, expect, it } from 'vitest';
import { openTestWarehouse } from '../helpers/db.js';
import { addFields, addHistory, addLead, model, scoreAt } from './rows.js';

describe('scoreAsOf field rules', () => {
  it('applies equals, in, range, regex and present, case-insensitively where promised', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-2001', email: 'Ana.Silva@Fernhill.co.uk', company: 'Fernhill Analytics' });
    await addFields(wh, 'L-2001', { Industry: 'Computer Software', employees: '1,200', country: 'us' });
    await addHistory(wh, 'L-2001', 'title', 'VP Revenue Operations', '2024-01-05');
    const m = model({
      fit: [
        { id: 'industry-equals', field: 'industry', condition: { equals: 'computer SOFTWARE' }, points: 1 },
        { id: 'employees-equals-number', field: 'employees', condition: { equals: 1200 }, points: 2 },
        { id: 'country-in', field: 'country', condition: { in: ['US', 'CA'] }, points: 4 },
        { id: 'employees-1000-5000', field: 'employees', condition: { range: { min: 1000, max: 5000 } }, points: 8 },
        { id: 'employees-under-1000', field: 'employees', condition: { range: { max: 999 } }, points: 16 },
        { id: 'title-vp', field: 'title', condition: { regex: '^vp\\b', flags: 'i' }, points: 32 },
        { id: 'title-vp-case-sensitive', field: 'title', condition: { regex: '^vp' }, points: 64 },
        { id: 'has-company', field: 'company', condition: { present: true }, points: 128 },
        { id: 'has-phone', field: 'phone', condition: { present: true }, points: 256 },
        { id: 'domain', field: 'emailDomain', condition: { equals: 'fernhill.co.uk' }, points: 512 },
        { id: 'tld', field: 'emailTld', condition: { in: ['uk', 'ie'] }, points: 1024 },
      ],
    });
    const row = (await scoreAt(wh, m, [['L-2001', '2024-02-01']])).get('L-2001');
    // all but employees-under-1000 (16), title-vp-case-sensitive (64), has-phone (256):
    // 1+2+4+8+32+128+512+1024 = 1711
    expect(row?.fit_points).toBe(1711);
    // without the per-rule list (the backtest's way): the same totals, no list
    const totalsOnly = (await scoreAt(wh, m, [['L-2001', '2024-02-01']], 'lead_scores_totals', { rulePoints: false })).get('L-2001');
    expect(totalsOnly).toMatchObject({
      fit_points: 1711,
      score: row?.score,
      flagged: row?.flagged,
      fields_from_current: row?.fields_from_current,
      rule_points: [],
    });
    expect(row?.rule_points.map((r) => r.rule_id)).toEqual([
      'industry-equals',
      'employees-equals-number',
      'country-in',
      'employees-1000-5000',
      'title-vp',
      'has-company',
      'domain',
      'tld',
    ]);
    // title came from history; company, country, employees, industry from today's values (phone: none;
    // email is the address the lead was created with, known at any decision)
    expect(row?.fields_from_current).toBe(4);
  });

  it('reads each field as of the decision, never a later value', async () => {
    const wh = await openTestWarehouse();
    const m = model({
      fit: [
        { id: 'small', field: 'employees', condition: { range: { max: 100 } }, points: 1 },
        { id: 'large', field: 'employees', condition: { range: { min: 500 } }, points: 2 },
        { id: 'has-industry', field: 'industry', condition: { present: true }, points: 4 },
        { id: 'retail', field: 'industry', condition: { equals: 'Retail' }, points: 8 },
      ],
    });
    // L-2002 has history: 40 people until May, 800 after; industry first set in June
    await addLead(wh, { lead_id: 'L-2002' });
    await addFields(wh, 'L-2002', { employees: '800', industry: 'Retail' });
    await addHistory(wh, 'L-2002', 'employees', '40', '2024-01-10');
    await addHistory(wh, 'L-2002', 'employees', '800', '2024-05-01');
    await addHistory(wh, 'L-2002', 'industry', 'Retail', '2024-06-01');
    // L-2003 has no history at all: today's values are used and counted
    await addLead(wh, { lead_id: 'L-2003' });
    await addFields(wh, 'L-2003', { employees: '800', industry: 'Retail' });

    const march = await scoreAt(wh, m, [
      ['L-2002', '2024-03-01'],
      ['L-2003', '2024-03-01'],
    ]);
    // 40 people (+1); industry had history but no value yet, so today's Retail is not used
    expect(march.get('L-2002')).toMatchObject({ fit_points: 1, fields_from_current: 0 });
    // 800 people (+2), industry present (+4), Retail (+8), both from today's values
    expect(march.get('L-2003')).toMatchObject({ fit_points: 14, fields_from_current: 2 });

    // a change stamped exactly at the decision is known at the decision
    const may = await scoreAt(wh, m, [['L-2002', '2024-05-01']]);
    expect(may.get('L-2002')?.fit_points).toBe(2);
    const july = await scoreAt(wh, m, [['L-2002', '2024-07-01']]);
    expect(july.get('L-2002')?.fit_points).toBe(14);
  });

  it('scores one lead at several decision times in one run', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-2004', email: 'li.wei@gmail.com' });
    await addHistory(wh, 'L-2004', 'email', 'li.wei@gmail.com', '2024-01-01');
    await addHistory(wh, 'L-2004', 'email', 'li.wei@orchardbank.com', '2024-04-01');
    const m = model({
      fit: [{ id: 'company-domain', field: 'emailDomain', condition: { equals: 'orchardbank.com' }, points: 10 }],
      negative: [{ id: 'personal-email', field: 'emailDomain', condition: { in: ['gmail.com'] }, points: -10 }],
    });
    await scoreAt(wh, m, [
      ['L-2004', '2024-02-01'],
      ['L-2004', '2024-05-01'],
    ]);
    const rows = await wh.all<{ decided: string; score: number }>(
      `select strftime(decided_at, '%Y-%m-%d') as decided, score from lead_scores order by decided_at`,
    );
    // gmail in February (−10), the company address by May (+10)
    expect(rows).toEqual([
      { decided: '2024-02-01', score: -10 },
      { decided: '2024-05-01', score: 10 },
    ]);
  });
});
