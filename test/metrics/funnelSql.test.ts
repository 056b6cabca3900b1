import { describe, expect, it } from 'vitest';
import { funnelLeadStagesSql, funnelStageCountsSql } from '../../src/metrics/funnelSql.js';

// The funnel's per-stage columns are SQL text written from cfg_stages orders: only ascending
// integers may enter it, whatever a warehouse table holds.
describe('funnel SQL text', () => {
  it('writes one set of columns per listed stage, with the unlisted stages between and above them', async () => {
    const text = await funnelLeadStagesSql([2, 4, 5]);
    expect(text).toContain('stage_order = 2) as entered_at_1');
    expect(text).toContain('stage_order > 2 and stage_order < 4) as passed_from_1');
    expect(text).not.toContain('passed_from_2');
    expect(text).toContain('stage_order > 5) as passed_from_3');
    expect(text).toContain('else least(entered_at_2, entered_at_3, passed_from_3) end as reached_at_2');
    expect(text).not.toContain('{{');
    const counts = await funnelStageCountsSql([2, 4, 5]);
    expect(counts.match(/^ +from funnel_lead_stages$/gm)).toHaveLength(3);
    expect(counts).toContain('coalesce(current_order = 4, false) as at_previous_stage');
  });

  it('refuses stage orders that are not ascending integers', async () => {
    for (const orders of [[2, 2.5], [3, 2], [2, 2], [Number.NaN], [1, Number.POSITIVE_INFINITY]]) {
      await expect(funnelLeadStagesSql(orders)).rejects.toThrow(/ascending integers/);
      await expect(funnelStageCountsSql(orders)).rejects.toThrow(/ascending integers/);
    }
  });
});
