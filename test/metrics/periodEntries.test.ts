import { describe, expect, it } from 'vitest';
import { periodEntriesQuery } from '../../src/metrics/periodEntries.js';

describe('period entries query', () => {
  it('binds the window and stages as parameters', () => {
    const from = new Date('2024-01-01T00:00:00Z');
    const to = new Date('2024-04-01T00:00:00Z');
    const compiled = periodEntriesQuery({ from, to, asOf: to }, ['mql', "sql'; drop table leads; --"]).compile();
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.sql).toContain('"s"."stage" in (');
    expect(compiled.parameters).toEqual([from, to, 'mql', "sql'; drop table leads; --"]);
  });
});
