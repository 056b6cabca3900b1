import { describe, expect, it } from 'vitest';
import { date, dateTime, days, formatValue, int, minutes, pct, pct1, renderTextTable } from '../../src/reports/format.js';
import type { TableColumn } from '../../src/reports/types.js';

describe('number formats', () => {
  it('pct1 and pct read ratios as percents', () => {
    expect(pct1(0.1234)).toBe('12.3%');
    expect(pct1(1)).toBe('100.0%');
    expect(pct1(0)).toBe('0.0%');
    expect(pct(0.1234)).toBe('12%');
    expect(pct1(null)).toBe('—');
    expect(pct(Number.NaN)).toBe('—');
  });

  it('int rounds and groups thousands', () => {
    expect(int(1234567)).toBe('1,234,567');
    expect(int(-1234.6)).toBe('-1,235');
    expect(int(3n)).toBe('3');
    expect(int(undefined)).toBe('—');
  });

  it('days keep one decimal', () => {
    expect(days(3.46)).toBe('3.5 d');
    expect(days(0)).toBe('0.0 d');
    expect(days(1234.5)).toBe('1,234.5 d');
  });

  it('minutes read as seconds, minutes, hours or days', () => {
    expect(minutes(0.5)).toBe('30s');
    expect(minutes(7)).toBe('7m');
    expect(minutes(65)).toBe('1h 05m');
    // 59.6 rounds to 60 whole minutes first, so it reads as an hour
    expect(minutes(59.6)).toBe('1h 00m');
    // 1505 min = 25.08 h → 25 h = 1 d 01 h
    expect(minutes(1505)).toBe('1d 01h');
    expect(minutes(-90)).toBe('-1h 30m');
    expect(minutes(null)).toBe('—');
  });

  it('dates are UTC calendar dates; header timestamps add the time when it is not midnight', () => {
    expect(date(new Date('2024-03-04T23:59:00Z'))).toBe('2024-03-04');
    expect(date('2024-03-04T10:00:00Z')).toBe('2024-03-04');
    expect(date('Q2 2024')).toBe('Q2 2024');
    expect(dateTime(new Date('2024-06-30T17:42:00Z'))).toBe('2024-06-30 17:42 UTC');
    expect(dateTime(new Date('2024-07-01T00:00:00Z'))).toBe('2024-07-01');
    expect(dateTime('2024-07-01')).toBe('2024-07-01');
  });

  it('formatValue without a format groups integers and trims float noise', () => {
    expect(formatValue(12345)).toBe('12,345');
    expect(formatValue(0.1 + 0.2)).toBe('0.3');
    expect(formatValue('Inbound')).toBe('Inbound');
    expect(formatValue(null)).toBe('—');
  });
});

describe('renderTextTable', () => {
  const columns: TableColumn[] = [
    { key: 'stage', label: 'Stage' },
    { key: 'reached', label: 'Reached', format: 'int' },
    { key: 'fromTop', label: 'From top', format: 'pct1' },
    { key: 'wait', label: 'Median wait', format: 'minutes' },
  ];

  it('pads every column to its widest cell and right-aligns numbers', () => {
    const text = renderTextTable(columns, [
      { stage: 'MQL', reached: 412, fromTop: 0.0854, wait: 65 },
      { stage: 'Opportunity', reached: 98, fromTop: 0.0203, wait: 7 },
      { stage: 'Customer', reached: 1234, fromTop: null, wait: null },
    ]);
    // Widths: Stage 11 ("Opportunity"), Reached 7 (label), From top 8 (label), Median wait 11 (label);
    // two spaces between columns. Spaces counted by hand below.
    const sp = (n: number) => ' '.repeat(n);
    expect(text.split('\n')).toEqual([
      `Stage${sp(8)}Reached  From top  Median wait`,
      '-----------  -------  --------  -----------',
      `MQL${sp(14)}412${sp(6)}8.5%${sp(7)}1h 05m`,
      `Opportunity${sp(7)}98${sp(6)}2.0%${sp(11)}7m`,
      `Customer${sp(7)}1,234${sp(9)}—${sp(12)}—`,
    ]);
  });

  it('right-aligns unformatted numeric columns and left-aligns text', () => {
    const text = renderTextTable(
      [
        { key: 'owner', label: 'Owner' },
        { key: 'n', label: 'N' },
      ],
      [
        { owner: 'Dana', n: 5 },
        { owner: 'Marco Ibáñez', n: 1200 },
      ],
    );
    expect(text).toBe(['Owner             N', '------------  -----', 'Dana              5', 'Marco Ibáñez  1,200'].join('\n'));
  });
});

describe('dateTime of ISO text', () => {
  it('reads an instant from a JSON contract like a Date', () => {
    expect(dateTime('2024-04-01T00:00:00.000Z')).toBe('2024-04-01');
    expect(dateTime('2024-03-10T07:30:00.000Z')).toBe('2024-03-10 07:30 UTC');
    expect(dateTime('last Tuesday')).toBe('last Tuesday');
  });
});
