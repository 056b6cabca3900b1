import { describe, expect, it } from 'vitest';
import { exportCsv } from '../../src/export/csv.js';
import { normaliseCell } from '../../src/export/cells.js';
import type { ExportTable } from '../../src/export/types.js';
import { everyType } from './sampleTable.js';

describe('CSV export', () => {
  it('writes a header, ISO timestamps in UTC, plain dates and empty cells for nulls', () => {
    const lines = exportCsv(everyType).split('\r\n');
    expect(lines[0]).toBe('owner,mqls,median_minutes,in_sla,first_touch_at,week');
    expect(lines[1]).toBe('Priya Raman,42,7.25,true,2026-10-05T13:04:05.678Z,2026-10-05');
    // the formula gets a leading ' and, holding quotes and a comma, is quoted with "" doubled;
    // -3 and -0.5 are plain negative numbers and stay numbers
    expect(lines[2]).toBe(`"'=HYPERLINK(""http://x.invalid"",""click"")",-3,-0.5,false,2024-02-29T23:59:59.000Z,2024-02-26`);
    expect(lines[3]).toBe('"Zoë, ""Ops"" Müller",,,,,');
    expect(lines[4]).toBe(''); // CRLF after the last row too
  });

  it('neutralises every spreadsheet formula trigger: = + - @ tab and carriage return', () => {
    const table: ExportTable = {
      name: 'hostile',
      columns: [{ name: 'company', type: 'varchar' }],
      rows: ['=1+1', '+49 30 1234', '-2+3', '@SUM(A1)', '\tTabbed', '\rReturn', '-42', 'Acme'].map((company) => ({ company })),
    };
    const cells = exportCsv(table).split('\r\n').slice(1, -1);
    expect(cells).toEqual([
      "'=1+1",
      "'+49 30 1234",
      "'-2+3",
      "'@SUM(A1)",
      "'\tTabbed",
      `"'\rReturn"`, // a CR forces quoting as well
      '-42', // a number in text form is data, not a formula
      'Acme',
    ]);
  });

  it('writes doubles to 4 decimals, for people; Parquet and Arrow keep full precision', () => {
    const table: ExportTable = {
      name: 'rates',
      columns: [
        { name: 'conversion', type: 'double' },
        { name: 'reached', type: 'integer' },
      ],
      rows: [
        { conversion: 842 / 8000, reached: 842 },
        { conversion: 2 / 3, reached: 2 },
        { conversion: 0.5, reached: 1 },
        { conversion: -1 / 3, reached: 0 },
      ],
    };
    // 842/8000 = 0.10525 is 0.10524999… as a double, so it rounds down
    expect(exportCsv(table).split('\r\n').slice(1, -1)).toEqual(['0.1052,842', '0.6667,2', '0.5,1', '-0.3333,0']);
  });

  it('refuses a value that does not fit its declared column type', () => {
    const column = (type: 'integer' | 'date' | 'timestamp' | 'varchar') => ({ name: 'x', type });
    expect(() => normaliseCell(1.5, column('integer'), 't')).toThrow('t.x: 1.5 is not a integer');
    expect(() => normaliseCell(3_000_000_000, column('integer'), 't')).toThrow('is not a integer');
    expect(() => normaliseCell('2024-13-45', column('date'), 't')).toThrow('is not a date');
    expect(() => normaliseCell('yesterday', column('timestamp'), 't')).toThrow('is not a timestamp');
    expect(() => normaliseCell(7, column('varchar'), 't')).toThrow('is not a varchar');
    expect(normaliseCell('2024-06-30T22:00:00-05:00', column('date'), 't')).toBe('2024-06-30');
  });
});
