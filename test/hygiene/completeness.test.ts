/**
 * Required fields by stage on hand-built records: an SQL lead needs an owner, a company and a phone
 * or an email; every opportunity an amount and a close date; a closed-lost one a loss reason and
 * a competitor. Completeness per rule and field, the target, and the records missing a field.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { completenessSection } from '../../src/hygiene/completeness.js';
import { buildModels } from '../../src/models/build.js';
import { openTestWarehouse } from '../helpers/db.js';
import { insertFields, insertLeads, insertOpportunities, insertStageEvents } from './support.js';

async function fixture(config = parseConfig({})) {
  const wh = await openTestWarehouse();
  await insertLeads(wh, [
    { id: 'Q1', owner: 'U1', company: 'Acme', email: 'a@acme.com', stage: 'sql' },
    { id: 'Q2', owner: null, company: 'Acme', email: null, stage: 'sql' }, // no owner; a phone instead of an email
    { id: 'Q3', owner: 'U2', company: '  ', email: null, stage: 'sql' }, // blank company, no phone or email
    { id: 'Q4', owner: 'U2', company: 'Beta', email: 'b@beta.com', stage: 'sql' },
    { id: 'M1', owner: null, company: null, email: null, stage: 'mql' }, // not an SQL: not checked
  ]);
  await insertFields(wh, [['Q2', 'phone_number', '+1 212 555 0100']]);
  await insertStageEvents(wh, [
    ['Q1', 'sql', '2026-03-01T00:00:00Z'],
    ['Q2', 'sql', '2026-03-01T00:00:00Z'],
    ['Q3', 'sql', '2026-03-01T00:00:00Z'],
    ['Q4', 'sql', '2026-03-01T00:00:00Z'],
    ['M1', 'mql', '2026-03-01T00:00:00Z'],
  ]);
  await insertOpportunities(wh, [
    { id: 'O1' },
    { id: 'O2', amount: null },
    { id: 'O3', close: null, stage: 'Closed Lost', lossReason: 'Price' },
    { id: 'O4', stage: 'Closed Lost', lossReason: null },
    { id: 'O5', stage: 'Closed Won' },
  ]);
  await wh.run(`insert into opportunity_fields values ('O3', 'competitor_c', 'Globex', 1), ('O4', 'competitor', '   ', 1)`);
  await buildModels(wh, config, { force: true });
  return completenessSection(wh, config);
}

describe('required fields by stage', () => {
  it('measures each field of each rule against the target and lists the records missing one', async () => {
    const c = await fixture();
    expect(c.target).toBe(0.9);
    expect(c.rules.map((r) => [r.rule, r.count])).toEqual([
      ['SQL', 4],
      ['Opportunity', 5],
      ['Closed Lost', 2],
    ]);
    expect(c.fields.map((f) => [f.rule, f.field, f.present, f.records, f.meetsTarget])).toEqual([
      ['SQL', 'owner', 3, 4, false],
      ['SQL', 'company', 3, 4, false],
      ['SQL', 'phone or email', 3, 4, false],
      ['Opportunity', 'amount', 4, 5, false],
      ['Opportunity', 'close date', 4, 5, false],
      ['Closed Lost', 'loss reason', 1, 2, false],
      ['Closed Lost', 'competitor', 1, 2, false],
    ]);
    expect(c.fields[0]?.completeness).toBe(0.75);
    // 19 of 26 checks pass
    expect(c.overall).toBe(19 / 26);
    expect(c.fieldsBelowTarget).toBe(7);
    expect(c.offenders.map((o) => [o.rule, o.recordId, o.missing])).toEqual([
      ['SQL', 'Q2', ['owner']],
      ['SQL', 'Q3', ['company', 'phone or email']],
      ['Opportunity', 'O2', ['amount']],
      ['Opportunity', 'O3', ['close date']],
      ['Closed Lost', 'O4', ['loss reason', 'competitor']],
    ]);
  });

  it('reads the rules and the target from the config', async () => {
    const config = parseConfig({
      hygiene: {
        completenessTarget: 0.7,
        requiredFields: [{ name: 'SQL owner', records: 'leads', stage: 'sql', fields: [{ label: 'owner', anyOf: ['owner_id'] }] }],
      },
    });
    const c = await fixture(config);
    expect(c.fields).toEqual([{ rule: 'SQL owner', field: 'owner', records: 4, present: 3, completeness: 0.75, meetsTarget: true }]);
  });

  it('refuses a rule on a stage the config does not have', async () => {
    const config = parseConfig({
      hygiene: { requiredFields: [{ name: 'X', records: 'leads', stage: 'sqll', fields: [{ label: 'owner', anyOf: ['owner_id'] }] }] },
    });
    await expect(fixture(config)).rejects.toThrow(/stage "sqll", which is not a stage of the config/);
  });
});
