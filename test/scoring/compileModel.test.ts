/** The model → bound-parameter compilation the SQL engine unpacks. */
import { describe, expect, it } from 'vitest';
import { compileModel, decayDays } from '../../src/scoring/compileModel.js';
import { templates } from '../../src/scoring/templates.js';
import { model } from './rows.js';

describe('compileModel', () => {
  it('turns decay periods into days (a month is 30 days)', () => {
    expect(['1 week', '2 weeks', '1 month', '3 months', '10d'].map(decayDays)).toEqual([7, 14, 30, 90, 10]);
  });

  it('lowercases names, folds equals into in, and prefixes regex flags for RE2', () => {
    const compiled = compileModel(
      model({
        fit: [{ id: 'a', field: 'Industry', condition: { equals: 'SaaS' }, points: 5 }],
        engagement: [{ id: 'b', event: 'Page_View', detail: { regex: 'exec', flags: 'i' }, points: 5, decay: { points: 1, every: '2 weeks' } }],
        negative: [
          { id: 'c', field: 'emailDomain', condition: { in: ['gmail.com', 42] }, points: -5 },
          { id: 'd', inactiveDays: 30, events: ['Login'], points: -5 },
        ],
      }),
    );
    expect(compiled.fieldRules.map((r) => [r.id, r.dimension, r.field, r.kind, r.texts, r.nums])).toEqual([
      ['a', 'fit', 'industry', 'in', ['saas'], []],
      ['c', 'negative', 'emaildomain', 'in', ['gmail.com', '42'], [42]],
    ]);
    expect(compiled.eventRules[0]).toMatchObject({ event: 'page_view', kind: 'regex', pattern: '(?i)exec', decay_days: 14, scope: 'lead' });
    expect(compiled.inactivityRules).toEqual([{ dimension: 'negative', dim_order: 3, ord: 1, id: 'd', points: -5, days: 30, events: ['login'] }]);
    // emailDomain needs the email; it is looked up as of the decision like any field
    expect(compiled.neededFields).toEqual(['email', 'industry']);
  });

  it('lists the stored fields each template reads', () => {
    expect(compileModel(templates.enterprise).neededFields).toEqual([
      'decision_maker',
      'email',
      'employees',
      'industry',
      'revenue',
      'seniority',
      'tech_stack',
      'title',
    ]);
  });
});
