/**
 * Hostile inputs to the hygiene audit: pasted emails with invisible characters, CRM text with
 * terminal escapes and formulas in the lists, phone numbers that are not phone numbers, and
 * config values that must be refused, not guessed at.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { main } from '../../src/cli.js';
import { hygieneOutputs } from '../../src/commands/hygieneOutputs.js';
import { parseConfig } from '../../src/config/config.js';
import { duplicatesSection } from '../../src/hygiene/duplicates.js';
import { hygiene } from '../../src/commands/hygiene.js';
import { Warehouse } from '../../src/db/connection.js';
import type { UserError } from '../../src/errors.js';
import { openTestWarehouse } from '../helpers/db.js';
import { insertFields, insertLeads } from '../hygiene/support.js';
import { caseDir, expectLoaded, hostileCase, writeInput } from './harness.js';

/** A warehouse file with these exports loaded, for the command that opens one by path. */
async function loadedWarehouse(file: string, dir = caseDir()): Promise<string> {
  const db = join(dir, 'w.duckdb');
  const wh = await Warehouse.open({ path: db });
  try {
    await expectLoaded([file], {}, undefined, wh);
  } finally {
    wh.close();
  }
  return db;
}

const leadsCsv = (rows: string[]) => ['lead_id,email,company,created_at,owner_id,first_name,last_name,stage', ...rows, ''].join('\n');

describe('hygiene on hostile CRM data', () => {
  hostileCase('identity', 'an email pasted with a non-breaking or zero-width space is the same address once normalised', async () => {
    const wh = await openTestWarehouse();
    await insertLeads(wh, [
      { id: 'N1', email: 'ana@acme.com' },
      { id: 'N2', email: 'ana@acme.com\u00a0' },
      { id: 'N3', email: 'ana\u200b@acme.com' },
      { id: 'N4', email: '\ufeffANA@acme.com' },
    ]);
    const d = await duplicatesSection(wh, parseConfig({}));
    // trim already takes the trailing no-break space off: the exact tier finds N2
    expect(d.pairs.map((p) => [p.tier, p.leadId, p.survivorId])).toEqual([
      [1, 'N2', 'N1'],
      [2, 'N3', 'N1'],
      [2, 'N4', 'N1'],
    ]);
  });

  hostileCase('identity', 'a phone field holding text, a short code or too many digits matches nothing', async () => {
    const wh = await openTestWarehouse();
    await insertLeads(wh, [
      { id: 'P1', email: 'a@one.com', first: 'Lee', last: 'Chan' },
      { id: 'P2', email: 'b@two.com', first: 'Lee', last: 'Chan' },
      { id: 'P3', email: 'c@three.com', first: 'Lee', last: 'Chan' },
      { id: 'P4', email: 'd@four.com', first: 'Lee', last: 'Chan' },
      { id: 'P5', email: 'e@five.com', first: 'Lee', last: 'Chan' },
    ]);
    await insertFields(wh, [
      ['P1', 'phone', 'n/a'],
      ['P2', 'phone', 'call me'],
      ['P3', 'phone', '+1 911'],
      ['P4', 'phone', '+1 911'],
      ['P5', 'phone', '+123456789012345678'],
    ]);
    const d = await duplicatesSection(wh, parseConfig({ hygiene: { defaultCountry: 'US' } }));
    expect(d.pairs).toEqual([]);
  });

  hostileCase('terminal and html output', 'a formula in an email or company stays inert in the CSV of every list', async () => {
    const leads = writeInput(
      'leads.csv',
      leadsCsv([
        'T1,"=HYPERLINK(""http://x"")@evil.com",Acme,2026-01-01T00:00:00Z,U1,Eve,Ray,lead',
        'T2,"=HYPERLINK(""http://x"")@evil.com",Acme,2026-02-01T00:00:00Z,U1,Eve,Ray,lead',
        'T3,t3@b.com,"=1+2 Inc",2026-01-01T00:00:00Z,U1,Al,Bo,lead',
        'T4,t4@b.com,"@SUM(A1) ",2026-01-01T00:00:00Z,U1,Cy,Do,lead',
        'T5,t5@b.com,"@sum(a1)",2026-01-01T00:00:00Z,U1,Di,Eg,lead',
      ]),
    );
    const db = await loadedWarehouse(leads);
    const report = await hygiene({ db, asOf: '2026-11-01T00:00:00Z' });
    const outputs = hygieneOutputs(report);
    const csv = outputs.csv();
    expect(csv).toContain(`duplicate,lead,T2,,,"tier 1 email: =HYPERLINK(""http://x"")@evil.com",T1`);
    expect(csv).toContain(`account_spelling,account,'@sum(a1),,,tier 4 company_normalised: sum a1,'@SUM(A1)`);
    // no cell of any line starts a formula
    for (const line of csv.split('\r\n')) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/);
    // the command's own CSV, written by DuckDB from the warehouse, is the same file
    const out = join(caseDir(), 'hygiene.csv');
    expect(await main(['node', 'revops-report', 'hygiene', '--db', db, '--as-of', '2026-11-01T00:00:00Z', '--format', 'csv', '--out', out])).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(csv);
  });

  hostileCase('config', 'a hygiene config with an unknown key, a bad country or an impossible target is refused with exit 2', async () => {
    const problems: [unknown, RegExp][] = [
      [{ hygiene: { survivorRule: ['crm'] } }, /hygiene: Unrecognized key/],
      [{ hygiene: { defaultCountry: 'Germany' } }, /hygiene.defaultCountry: a two-letter ISO country code/],
      [{ hygiene: { completenessTarget: 90 } }, /hygiene.completenessTarget/],
      [{ hygiene: { requiredFields: [{ name: 'X', records: 'leads', fields: [{ label: 'owner', anyOf: ['owner_id'] }] }] } }, /a leads rule names its stage/],
    ];
    for (const [input, message] of problems) {
      let error: UserError | undefined;
      try {
        parseConfig(input);
      } catch (e) {
        error = e as UserError;
      }
      expect(error?.message).toMatch(message);
      expect(error?.exitCode).toBe(2);
    }
  });

  hostileCase('config', 'stuckExcludeStages naming a stage the config lacks is an error, not a silent no-op', async () => {
    const dir = caseDir();
    const config = join(dir, 'revops.config.json');
    writeFileSync(config, JSON.stringify({ hygiene: { stuckExcludeStages: ['custmer'] } }));
    const leads = writeInput('leads.csv', leadsCsv(['S1,s@x.com,X,2026-01-01T00:00:00Z,U1,A,B,lead']), dir);
    const db = await loadedWarehouse(leads, dir);
    await expect(hygiene({ db, config, asOf: '2026-11-01T00:00:00Z' })).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('custmer') });
  });
});
