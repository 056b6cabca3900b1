import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { loadFiles } from '../../src/ingest/load.js';
import { openTestWarehouse } from '../helpers/db.js';
import { fixturePath } from '../helpers/load.js';

// test/fixtures/sla/hubspot: UI exports of calls and emails, times in the portal zone (New York)
const config = parseConfig({ timezone: 'America/New_York' });

describe('HubSpot activity exports', () => {
  it('loads calls and emails as activities with owner names, direction and automation', async () => {
    const wh = await openTestWarehouse();
    const summary = await loadFiles(wh, config, { paths: [fixturePath('sla/hubspot/calls.csv'), fixturePath('sla/hubspot/emails.csv')], crm: 'auto' });
    expect(summary.files.map((f) => [f.variant, f.object])).toEqual([['hubspot_calls', 'activities'], ['hubspot_emails', 'activities']]);
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
