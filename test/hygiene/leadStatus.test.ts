/**
 * Stuck, stale, unknown-stage and unowned leads and the stage distribution's bottleneck, on
 * hand-built stage histories with every number worked out by hand (as of 2026-11-01).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { bottleneckOf, leadStatusSections } from '../../src/hygiene/leadStatus.js';
import { buildModels } from '../../src/models/build.js';
import { openTestWarehouse } from '../helpers/db.js';
import { insertLeads, insertStageEvents } from './support.js';

const window = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z'), asOf: new Date('2026-11-01T00:00:00Z') };

async function fixture(config = parseConfig({})) {
  const wh = await openTestWarehouse();
  await insertLeads(wh, [
    { id: 'L1', stage: 'sql' },
    { id: 'L2', stage: 'sql' },
    { id: 'L3', stage: 'sql', created: '2025-06-01T00:00:00Z' },
    { id: 'L4', stage: 'mql' },
    { id: 'L5', stage: 'mql' },
    { id: 'L6', stage: 'Zombie Stage', owner: null },
    { id: 'L8', stage: 'lead', created: '2024-01-01T00:00:00Z', owner: ' ' },
    { id: 'L9', stage: 'lead', created: '2025-01-01T00:00:00Z' },
  ]);
  await insertStageEvents(wh, [
    // three completed MQL stays of 10, 20 and 30 days: the MQL median is 20 days
    ['L1', 'mql', '2026-01-01T00:00:00Z'],
    ['L1', 'sql', '2026-01-11T00:00:00Z'],
    ['L2', 'mql', '2026-02-01T00:00:00Z'],
    ['L2', 'sql', '2026-02-21T00:00:00Z'],
    ['L3', 'mql', '2026-03-01T00:00:00Z'],
    ['L3', 'sql', '2026-03-31T00:00:00Z'],
    // in MQL for 31 days (under 2 × 20) and for 61 days (stuck, 3.05 × the median)
    ['L4', 'mql', '2026-10-01T00:00:00Z'],
    ['L5', 'mql', '2026-09-01T00:00:00Z'],
    ['L6', 'Zombie Stage', '2026-05-01T00:00:00Z'],
    ['L8', 'lead', '2024-01-01T00:00:00Z'],
    ['L9', 'lead', '2025-01-01T00:00:00Z'],
  ]);
  await wh.run(`insert into activities (activity_id, lead_id, type, occurred_at, load_id) values
    ('A1', 'L1', 'call', '2026-10-15T00:00:00Z', 1), ('A3', 'L3', 'email', '2025-09-01T00:00:00Z', 1)`);
  await wh.run(`insert into engagement_events (lead_id, event_type, occurred_at, load_id) values ('L9', 'page_view', '2026-06-01T00:00:00Z', 1)`);
  await buildModels(wh, config, { force: true });
  return leadStatusSections(wh, config, window);
}

describe('stuck and stale leads', () => {
  it('flags a lead in a stage for more than twice its median, leaving stages without a median alone', async () => {
    const s = await fixture();
    expect(s.stuck.stages.find((m) => m.stage === 'mql')).toEqual({ stage: 'mql', completedStays: 3, medianDays: 20, current: 2, stuck: 1 });
    expect(s.stuck.stages.find((m) => m.stage === 'sql')).toEqual({ stage: 'sql', completedStays: 0, medianDays: null, current: 3, stuck: 0 });
    expect(s.stuck.leads).toEqual([
      { leadId: 'L5', stage: 'mql', enteredAt: '2026-09-01T00:00:00Z', daysInStage: 61, medianDays: 20, multiple: 3.05, ownerId: 'U1' },
    ]);
    expect(s.stuck.count).toBe(1);
  });

  it('reads the multiple from the config', async () => {
    const s = await fixture(parseConfig({ hygiene: { stuckMultiple: 1.5 } }));
    // 31 days is over 1.5 × 20
    expect(s.stuck.leads.map((l) => l.leadId)).toEqual(['L5', 'L4']);
  });

  it('lists leads with no activity or engagement for 12 months, never a new one', async () => {
    const s = await fixture();
    // L8: nothing since its creation in 2024; L3: last email 2025-09-01. L9 engaged in June; L2 is
    // from January with no activity yet, so not 12 months quiet.
    expect(s.stale.leads.map((l) => [l.leadId, l.lastActivityAt, l.createdAt])).toEqual([
      ['L8', null, '2024-01-01T00:00:00Z'],
      ['L3', '2025-09-01T00:00:00Z', '2025-06-01T00:00:00Z'],
    ]);
    expect(s.stale.months).toBe(12);
  });

  it('lists leads in a stage nobody maps and leads without an owner', async () => {
    const s = await fixture();
    expect(s.unknownStage.leads).toEqual([{ leadId: 'L6', stage: 'unknown', stageRaw: 'Zombie Stage', createdAt: '2026-01-01T00:00:00Z', ownerId: null }]);
    expect(s.unowned.leads.map((l) => l.leadId)).toEqual(['L6', 'L8']);
  });
});

describe('stage distribution', () => {
  it('counts leads by current stage and age, and names the stage that grows fastest against its exits', async () => {
    const s = await fixture();
    expect(s.distribution.cells).toEqual([
      { stage: 'lead', ageBucket: '≥ 180 d', leads: 2 },
      { stage: 'mql', ageBucket: '30–90 d', leads: 2 },
      { stage: 'sql', ageBucket: '≥ 180 d', leads: 3 },
    ]);
    const mql = s.distribution.flow.find((f) => f.stage === 'mql');
    // five entries and three exits in the window: grew by 2, 2 ÷ 3 per exit
    expect(mql).toEqual({ stage: 'mql', entered: 5, exited: 3, growth: 2, growthPerExit: 2 / 3, current: 2 });
    // SQL took three and let none go
    expect(s.distribution.flow.find((f) => f.stage === 'sql')).toEqual({ stage: 'sql', entered: 3, exited: 0, growth: 3, growthPerExit: null, current: 3 });
    expect(s.distribution.bottleneck).toBe('sql');
  });

  it('ranks growth per exit, growth without exits first, then the larger growth, never an excluded stage', () => {
    const f = (stage: string, entered: number, exited: number) => ({
      stage,
      entered,
      exited,
      growth: entered - exited,
      growthPerExit: exited > 0 ? (entered - exited) / exited : null,
      current: 0,
    });
    expect(bottleneckOf([f('lead', 100, 50), f('mql', 30, 10), f('sql', 5, 5)], [])).toBe('mql'); // 1.0 vs 2.0
    expect(bottleneckOf([f('lead', 100, 50), f('mql', 30, 10), f('customer', 4, 0)], [])).toBe('customer');
    expect(bottleneckOf([f('lead', 100, 50), f('mql', 30, 10), f('customer', 4, 0)], ['customer'])).toBe('mql');
    expect(bottleneckOf([f('lead', 40, 20), f('mql', 20, 10)], [])).toBe('lead'); // same ratio: the larger growth
    expect(bottleneckOf([f('lead', 10, 20), f('mql', 3, 3)], [])).toBeNull();
  });
});

describe('long lists', () => {
  it('hold the first listLimit rows and count them all', async () => {
    const wh = await openTestWarehouse();
    const ids = Array.from({ length: 1005 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    await insertLeads(
      wh,
      ids.map((id) => ({ id, owner: null })),
    );
    const config = parseConfig({});
    await buildModels(wh, config, { force: true });
    const s = await leadStatusSections(wh, config, window);
    expect(s.unowned.count).toBe(1005);
    expect(s.unowned.leads).toHaveLength(1000);
    expect(s.unowned.leads.at(-1)?.leadId).toBe('U0999');
  });
});
