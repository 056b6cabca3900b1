/**
 * Negative rules (field, event, inactivity) and the flag: threshold reached and the fit and
 * engagement minimums met. Decision: 2024-06-01 00:00 UTC.
 */
import { describe, expect, it } from 'vitest';
import { openTestWarehouse } from '../helpers/db.js';
import { addEvents, addFields, addLead, model, scoreAt } from './rows.js';

const decision = '2024-06-01 00:00';

describe('scoreAsOf negative rules', () => {
  it('subtracts field and event rules', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-5001', email: 'sam.reyes@gmail.com' });
    await addFields(wh, 'L-5001', { title: 'Marketing Intern' });
    await addEvents(wh, 'L-5001', [
      ['page_view', '2024-05-30', '/pricing'],
      ['unsubscribed', '2024-05-10'],
      ['hard_bounce', '2024-06-03'], // after the decision
    ]);
    const m = model({
      engagement: [{ id: 'pricing', event: 'page_view', detail: { prefix: '/pricing' }, points: 20 }],
      negative: [
        { id: 'personal-email', field: 'emailDomain', condition: { in: ['gmail.com', 'yahoo.com'] }, points: -10 },
        { id: 'student-intern', field: 'title', condition: { regex: '\\b(intern|student)\\b', flags: 'i' }, points: -25 },
        { id: 'unsubscribed', event: 'unsubscribed', points: -20 },
        { id: 'hard-bounce', event: 'hard_bounce', points: -50 },
      ],
    });
    const row = (await scoreAt(wh, m, [['L-5001', decision]])).get('L-5001');
    // −10 − 25 − 20 (the bounce came later) = −55; score 20 − 55 = −35
    expect(row).toMatchObject({ engagement_points: 20, negative_points: -55, score: -35 });
  });

  it('penalises inactivity counted from the last activity, or from creation for newer leads', async () => {
    const wh = await openTestWarehouse();
    await addLead(wh, { lead_id: 'L-5002', created_at: '2023-01-01' });
    await addEvents(wh, 'L-5002', [['page_view', '2024-02-22', '/blog/x']]); // 100 days before
    await addLead(wh, { lead_id: 'L-5003', created_at: '2023-01-01' });
    await addEvents(wh, 'L-5003', [['page_view', '2024-05-02', '/blog/x']]); // 30 days before
    await addLead(wh, { lead_id: 'L-5004', created_at: '2024-05-22' }); // 10 days old, no events
    await addLead(wh, { lead_id: 'L-5005', created_at: '2023-11-14' }); // 200 days old, no events
    await addLead(wh, { lead_id: 'L-5006', created_at: '2023-01-01' });
    await addEvents(wh, 'L-5006', [
      ['page_view', '2024-05-31', '/docs'],
      ['login', '2024-05-12'],
    ]); // login 20 days before
    const m = model({
      negative: [
        { id: 'no-visit-90d', inactiveDays: 90, points: -15 },
        { id: 'no-login-14d', inactiveDays: 14, events: ['login'], points: -5 },
      ],
    });
    const rows = await scoreAt(
      wh,
      m,
      ['L-5002', 'L-5003', 'L-5004', 'L-5005', 'L-5006'].map((id) => [id, decision]),
    );
    const negative = Object.fromEntries([...rows].map(([id, r]) => [id, r.negative_points]));
    // L-5002: 100 days quiet −15, never logged in since creation −5; L-5003: only no login −5;
    // L-5004: too new for either; L-5005: −15 −5; L-5006: visited yesterday, last login 20 days ago −5
    expect(negative).toEqual({ 'L-5002': -20, 'L-5003': -5, 'L-5004': 0, 'L-5005': -20, 'L-5006': -5 });
  });
});

describe('scoreAsOf flag', () => {
  it('flags a score at the threshold only when fit and engagement minimums are met', async () => {
    const wh = await openTestWarehouse();
    const fields: Record<string, string> = { 'L-6001': 'Director', 'L-6002': 'Analyst', 'L-6003': 'Director', 'L-6004': 'Manager' };
    for (const [id, title] of Object.entries(fields)) {
      await addLead(wh, { lead_id: id, email: `${id.toLowerCase()}@${id === 'L-6003' ? 'gmail.com' : 'kestrel.io'}` });
      await addFields(wh, id, { title });
    }
    await addEvents(wh, 'L-6001', [['form_fill', '2024-05-30', 'demo-request']]);
    await addEvents(wh, 'L-6002', [
      ['form_fill', '2024-05-30', 'demo-request'],
      ['webinar_attended', '2024-05-20', 'Q2 Launch'],
    ]);
    await addEvents(wh, 'L-6003', [['form_fill', '2024-05-30', 'demo-request']]);
    await addEvents(wh, 'L-6004', [['webinar_attended', '2024-05-20', 'Q2 Launch']]);
    const m = model({
      threshold: 30,
      fitMinimum: 10,
      engagementMinimum: 10,
      fit: [
        { id: 'director', field: 'title', condition: { regex: 'director', flags: 'i' }, points: 20 },
        { id: 'manager', field: 'title', condition: { regex: 'manager', flags: 'i' }, points: 15 },
      ],
      engagement: [
        { id: 'demo', event: 'form_fill', detail: { equals: 'demo-request' }, points: 15 },
        { id: 'webinar', event: 'webinar_attended', points: 15 },
      ],
      negative: [{ id: 'personal-email', field: 'emailDomain', condition: { equals: 'gmail.com' }, points: -10 }],
    });
    const rows = await scoreAt(
      wh,
      m,
      Object.keys(fields).map((id) => [id, decision]),
    );
    const summary = Object.fromEntries([...rows].map(([id, r]) => [id, [r.score, r.flagged]]));
    expect(summary).toEqual({
      'L-6001': [35, true], // 20 fit + 15 engagement
      'L-6002': [30, false], // reaches 30 on engagement alone: fit 0 < minimum 10
      'L-6003': [25, false], // 20 + 15 − 10 personal email
      'L-6004': [30, true], // 15 + 15: exactly the threshold counts
    });
  });
});
