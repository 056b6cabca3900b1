/** The export time a file speaks for, from its name, else its modification time (never a future one). */
import { utimesSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dateInName, snapshotTime } from '../../src/ingest/snapshotTime.js';
import { writeInput } from '../hostile/harness.js';

describe('snapshot time', () => {
  it('reads the export date of the usual file names', () => {
    expect(dateInName('exports/hubspot-contacts-2024-06-01.csv')?.toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(dateInName('leads_20240601_1330.csv')?.toISOString()).toBe('2024-06-01T13:30:00.000Z');
    expect(dateInName('leads-2024-06-01T13-30-45.csv')?.toISOString()).toBe('2024-06-01T13:30:00.000Z');
    // Salesforce: "report" + the export instant in epoch milliseconds
    expect(dateInName('report1642777476321.csv')?.toISOString()).toBe('2022-01-21T15:04:36.321Z');
    // read as a calendar date this would be 1712-01-12 and lose to every other export
    expect(dateInName('report1712011234567.csv')?.toISOString()).toBe('2024-04-01T22:40:34.567Z');
  });

  it('gives no date for digits that only look like one', () => {
    expect(dateInName('leads.csv')).toBeUndefined();
    expect(dateInName('batch-0001-99-99.csv')).toBeUndefined();
    expect(dateInName('owner-00420101.csv')).toBeUndefined(); // year 42
  });

  it('falls back to the modification time with a warning, and never to a future one', async () => {
    const now = new Date('2026-12-01T12:00:00Z');
    const past = writeInput('leads.csv', 'lead_id\n');
    utimesSync(past, new Date('2026-11-30T08:00:00Z'), new Date('2026-11-30T08:00:00Z'));
    const warnings: string[] = [];
    expect((await snapshotTime(past, warnings, now)).toISOString()).toBe('2026-11-30T08:00:00.000Z');
    const future = writeInput('leads.csv', 'lead_id\n');
    utimesSync(future, new Date('2099-01-01T00:00:00Z'), new Date('2099-01-01T00:00:00Z'));
    expect((await snapshotTime(future, warnings, now)).toISOString()).toBe('2026-12-01T12:00:00.000Z');
    expect(warnings).toEqual([
      expect.stringContaining('ordered by its modification time (2026-11-30T08:00:00.000Z), a guess'),
      expect.stringContaining('a modification time in the future (2099-01-01T00:00:00.000Z); ordered as exported now (2026-12-01T12:00:00.000Z)'),
    ]);
  });
});
