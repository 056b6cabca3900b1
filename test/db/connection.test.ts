import { describe, expect, it } from 'vitest';
import { openTestWarehouse } from '../helpers/db.js';

describe('Warehouse', () => {
  it('creates the canonical tables and reads rows back in UTC', async () => {
    const wh = await openTestWarehouse();
    const tables = await wh.all<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'main' order by 1`);
    expect(tables.map((t) => t.name)).toEqual([
      'activities',
      'activity_leads',
      'engagement_events',
      'field_history',
      'lead_fields',
      'leads',
      'load_runs',
      'opportunities',
      'opportunity_events',
      'opportunity_fields',
      'opportunity_stage_events',
      'owners',
      'rejected_rows',
      'stage_events',
    ]);
    const row = await wh.one<{ t: string }>(`select strftime(timezone('America/New_York', timestamp '2024-03-10 03:30:00'), '%Y-%m-%d %H:%M') as t`);
    // 03:30 EDT on the spring-forward day is 07:30 UTC
    expect(row?.t).toBe('2024-03-10 07:30');
  });

  it('rolls a failed transaction back', async () => {
    const wh = await openTestWarehouse();
    await expect(
      wh.transaction(async () => {
        await wh.run(`insert into owners (owner_id, name, load_id) values ('o1', 'Ana', 1)`);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const count = await wh.one<{ n: number }>(`select count(*)::int as n from owners`);
    expect(count?.n).toBe(0);
  });
});

describe('parameters', () => {
  it('binds a list whose first item is null without losing the others', async () => {
    const wh = await openTestWarehouse();
    const row = await wh.one<{ items: (string | null)[] }>(`select $items as items`, { items: [null, 'a', 'b'] });
    expect(row?.items).toEqual([null, 'a', 'b']);
  });
});
