import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixturePath } from '../helpers/load.js';
import { formatFixture } from './formatFixtures.js';

// test/fixtures/sla/hubspot: UI exports of calls and emails, times in the portal zone (New York)
const config = parseConfig({ timezone: 'America/New_York' });

describe('HubSpot activity exports', () => {
  it('loads calls and emails as activities with owner names, direction and automation', async () => {
    const wh = await openTestWarehouse();
    const summary = await loadFiles(wh, config, { paths: [fixturePath('sla/hubspot/calls.csv'), fixturePath('sla/hubspot/emails.csv')], crm: 'auto' });
    expect(summary.files.map((f) => [f.variant, f.object])).toEqual([
      ['hubspot_calls', 'activities'],
      ['hubspot_emails', 'activities'],
    ]);
    for (const f of summary.files) expect(f.read).toBe(f.loaded + f.rejected + f.duplicates);
    const call = await wh.one(
      `select lead_id, owner_id, type, direction, automated, strftime(occurred_at, '%Y-%m-%d %H:%M') as at
       from activities where activity_id = '48213377101'`,
    );
    // 2024-04-08 10:03 in New York (EDT, UTC-4) = 14:03 UTC
    expect(call).toEqual({ lead_id: '51842001', owner_id: 'Ana Ruiz', type: 'call', direction: 'outbound', automated: false, at: '2024-04-08 14:03' });
    const sequenced = await wh.one(`select automated, direction from activities where activity_id = '48213388201'`);
    expect(sequenced).toEqual({ automated: true, direction: 'outbound' });
    const incoming = await wh.one(`select owner_id, direction from activities where activity_id = '48213388203'`);
    expect(incoming).toEqual({ owner_id: null, direction: 'inbound' });
  });
});

// test/fixtures/formats/fivetran/hubspot: the engagement table holds time, type and owner; the
// contacts are in engagement_contact, a separate file loaded before or after it
describe('Fivetran HubSpot engagements', () => {
  const engagement = formatFixture('fivetran/hubspot/engagement.csv');
  const contacts = formatFixture('fivetran/hubspot/engagement_contact.csv');
  const expected = [
    { activity_id: '30100001', lead_id: '51234501', owner_id: '40011001', type: 'call', direction: null },
    { activity_id: '30100002', lead_id: '51234501', owner_id: '40011001', type: 'email', direction: 'outbound' },
    // the lead's own email: inbound, no owner
    { activity_id: '30100003', lead_id: '51234501', owner_id: null, type: 'email', direction: 'inbound' },
    // with two contacts: the lower id
    { activity_id: '30100004', lead_id: '51234501', owner_id: '40011002', type: 'meeting', direction: null },
    { activity_id: '30100005', lead_id: '51234503', owner_id: '40011002', type: 'note', direction: null },
    { activity_id: '30100006', lead_id: '51234503', owner_id: '40011001', type: 'task', direction: null },
    // 30100007 was deleted at the source: rejected
    { activity_id: '30100008', lead_id: '51234503', owner_id: '40011003', type: 'email', direction: 'outbound' },
  ];
  const activities = (wh: Awaited<ReturnType<typeof openTestWarehouse>>) =>
    wh.all(`select activity_id, lead_id, owner_id, type, direction from activities order by activity_id`);

  it('links each engagement to its contact when the associations come first, in another load', async () => {
    const wh = await openTestWarehouse();
    await loadFiles(wh, parseConfig({}), { paths: [contacts], crm: 'auto' });
    await loadFiles(wh, parseConfig({}), { paths: [engagement], crm: 'auto' });
    expect(await activities(wh)).toEqual(expected);
    // 2024-02-12 14:38:00+00
    expect(await wh.one(`select strftime(occurred_at, '%Y-%m-%d %H:%M') as at from activities where activity_id = '30100001'`)).toEqual({
      at: '2024-02-12 14:38',
    });
  });

  it('links them the same when the engagements come first, in the same load', async () => {
    const wh = await openTestWarehouse();
    await loadFiles(wh, parseConfig({}), { paths: [engagement, contacts], crm: 'auto' });
    expect(await activities(wh)).toEqual(expected);
  });
});
