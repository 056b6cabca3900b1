/**
 * Hostile inputs for format detection and column accounting: look-alike headers, ids that give a
 * file's CRM away, exports with associated records, and very wide exports.
 */
import { describe, expect } from 'vitest';
import { expectLoaded, hostileCase, writeInput } from './harness.js';

/** A HubSpot "export all properties" contacts file: the known columns, then custom properties. */
function wideContacts(columns: number, rows: number): string {
  const header = ['Record ID', 'Email', 'First Name', 'Create Date', 'Lifecycle Stage'];
  for (let i = header.length; i < columns; i++) header.push(`Custom Property ${i}`);
  const lines = [header.join(',')];
  for (let r = 1; r <= rows; r++) {
    // every 7th custom property has a value; row 3 has no Record ID (rejected); dates are US style
    const cells = header.map((_, i) =>
      i === 0 ? (r === 3 ? '' : String(7000 + r)) : i === 1 ? `lead${r}@acme.example` : i === 2 ? `Lead ${r}` :
      i === 3 ? `03/${String(1 + (r % 28)).padStart(2, '0')}/2024 10:00` : i === 4 ? 'lead' : i % 7 === 0 ? `v${r}.${i}` : '');
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('wide exports', () => {
  for (const rows of [20, 2000]) {
    hostileCase('resources', `a 2,000-column HubSpot all-properties export with ${rows} rows loads, every custom value kept`, async () => {
      const path = writeInput('contacts-all-properties.csv', wideContacts(2000, rows));
      const started = Date.now();
      const { wh, summary } = await expectLoaded([path], { dateOrder: 'mdy' });
      const elapsed = Date.now() - started;
      expect(summary.files[0]).toMatchObject({ variant: 'hubspot_contacts_ui', read: rows, loaded: rows - 1, rejected: 1 });
      // columns 7, 14, …, 1995 hold a value: 285 per row; a row without a Record ID keeps none
      const fields = await wh.one<{ n: number; first: string }>(
        `select count(*)::int as n, min(value) filter (where field = 'custom_property_7' and lead_id = '7001') as first from lead_fields`,
      );
      expect(fields).toEqual({ n: 285 * (rows - 1), first: 'v1.7' });
      const reject = await wh.one<{ line: number; reason: string; raw: string }>(`select line_number as line, reason, raw_line as raw from rejected_rows`);
      expect(reject).toMatchObject({ line: 4, reason: 'missing value in "Record ID"' });
      expect(reject!.raw.split(',').length).toBe(2000);
      expect(elapsed).toBeLessThan(60_000);
    }, 180_000);
  }
});
