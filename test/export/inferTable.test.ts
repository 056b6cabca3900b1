import { describe, expect, it } from 'vitest';
import { inferTable } from '../../src/export/inferTable.js';

describe('inferTable', () => {
  it('reads column types from the values and splits intervals', () => {
    const table = inferTable('groups', [
      { key: 'Ana', n: 3, share: 0.5, ci95: [0.1, 0.9], at: '2024-03-10T07:30:00.000Z', late: true },
      { key: 'Bo', n: 2, share: 1, ci95: null, at: null, late: false },
    ]);
    expect(table.columns).toEqual([
      { name: 'key', type: 'varchar' },
      { name: 'n', type: 'integer' },
      { name: 'share', type: 'double' },
      { name: 'ci95_low', type: 'double' },
      { name: 'ci95_high', type: 'double' },
      { name: 'at', type: 'timestamp' },
      { name: 'late', type: 'boolean' },
    ]);
    expect([table.rows[1]!.ci95_low ?? null, table.rows[1]!.late]).toEqual([null, false]);
  });

  it('keeps the header of an empty table', () => {
    expect(inferTable('breaches', [], ['leadId', 'minutesLate']).columns).toEqual([
      { name: 'lead_id', type: 'varchar' },
      { name: 'minutes_late', type: 'varchar' },
    ]);
  });
});
