/** The SLA config fragment: defaults from the RevOps playbook, checks that catch typos. */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { describeTarget, resolveSlas } from '../../src/sla/definitions.js';

describe('SLA config', () => {
  it('ships the playbook defaults', () => {
    const slas = resolveSlas(parseConfig({}));
    expect(slas.map((s) => [s.name, s.targetMinutes, s.clock])).toEqual([
      ['first_touch', 240, 'business'], // 4 business hours
      ['qualification_decision', 2880, 'wall'], // 48 hours
      ['rejection_reason', null, 'wall'], // a required-field check, no deadline
      ['sql_to_opportunity', 2400, 'business'], // 5 business days of 8 hours
      ['recycled_rerouted', 60, 'business'], // 1 business hour
    ]);
    expect(slas[2]!.config.requiredFields).toEqual(['reason']);
    expect(describeTarget({ amount: 1, unit: 'businessHours' })).toBe('1 business hour');
  });

  it('takes an SLA that starts at an engagement event', () => {
    const config = parseConfig({
      slas: [
        {
          name: 'demo_callback',
          start: { kind: 'event', eventType: 'demo_request' },
          end: { kind: 'touch', types: ['call'] },
          target: { amount: 30, unit: 'minutes' },
        },
      ],
    });
    expect(resolveSlas(config)[0]).toMatchObject({ name: 'demo_callback', targetMinutes: 30, clock: 'wall' });
  });

  it('refuses what would silently match nothing', () => {
    const touch = { kind: 'touch' } as const;
    expect(() => parseConfig({ slas: [{ name: 'x', start: { kind: 'stage', stage: 'mql' }, end: touch, target: null }] })).toThrow(/must require a field/);
    expect(() =>
      parseConfig({
        slas: [{ name: 'x', start: { kind: 'stage', stage: 'mql' }, end: touch, target: { amount: 1, unit: 'hours' }, requiredFields: ['reason'] }],
      }),
    ).toThrow(/stage ends only/);
    const dup = { name: 'x', start: { kind: 'stage', stage: 'mql' }, end: touch, target: { amount: 1, unit: 'hours' } };
    expect(() => parseConfig({ slas: [dup, dup] })).toThrow(/unique/);
    const typo = parseConfig({ slas: [{ ...dup, start: { kind: 'stage', stage: 'mgl' } }] });
    expect(() => resolveSlas(typo)).toThrow(/"mgl" is not a stage/);
  });
});
