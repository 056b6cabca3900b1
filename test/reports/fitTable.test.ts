/** Terminal tables fitted to a width: columns left out by priority, long text cut, the note under it. */
import { describe, expect, it } from 'vitest';
import { renderTextTable } from '../../src/reports/format.js';
import type { TableColumn } from '../../src/reports/types.js';
import { tableWidth } from '../../src/tableWidth.js';

const sp = (n: number) => ' '.repeat(n);

describe('renderTextTable with a width', () => {
  const columns: TableColumn[] = [
    { key: 'owner', label: 'Owner', abbreviate: true },
    { key: 'leads', label: 'Leads', format: 'int' },
    { key: 'rate', label: 'Rate', format: 'pct1' },
    { key: 'ci', label: '95% interval', priority: 2 },
    { key: 'open', label: 'Open', format: 'int', priority: 1 },
  ];
  const rows = [
    { owner: 'Dana', leads: 13, rate: 7 / 13, ci: '29.1%–76.8%', open: 3 },
    { owner: 'Marco Ibáñez de la Fuente', leads: 1200, rate: 0.5, ci: '47.2%–52.8%', open: 40 },
  ];

  it('shows every column whole without a width, or when the table fits', () => {
    // Owner 25 ("Marco Ibáñez de la Fuente"), Leads 5, Rate 5, interval 12, Open 4: 51 + 8 gaps = 59
    const whole = [
      `Owner${sp(20)}  Leads   Rate  95% interval  Open`,
      `${'-'.repeat(25)}  -----  -----  ------------  ----`,
      `Dana${sp(21)}     13  53.8%  29.1%–76.8%      3`,
      'Marco Ibáñez de la Fuente  1,200  50.0%  47.2%–52.8%     40',
    ].join('\n');
    expect(renderTextTable(columns, rows)).toBe(whole);
    expect(renderTextTable(columns, rows, 59)).toBe(whole);
  });

  it('leaves out the lowest-priority column first and says so', () => {
    // 59 wide; without Open (4 + gap 2) 53 fits 55
    expect(renderTextTable(columns, rows, 55).split('\n')).toEqual([
      `Owner${sp(20)}  Leads   Rate  95% interval`,
      `${'-'.repeat(25)}  -----  -----  ------------`,
      `Dana${sp(21)}     13  53.8%  29.1%–76.8%`,
      'Marco Ibáñez de la Fuente  1,200  50.0%  47.2%–52.8%',
      '(left out: Open; --wide shows all)',
    ]);
  });

  it('cuts long text with … once the droppable columns are gone', () => {
    // without Open and the interval: 25 + 5 + 5 + 4 gaps = 39; at 30 the Owner column gives 9 (to 16)
    expect(renderTextTable(columns, rows, 30).split('\n')).toEqual([
      `Owner${sp(11)}  Leads   Rate`,
      `${'-'.repeat(16)}  -----  -----`,
      `Dana${sp(12)}     13  53.8%`,
      'Marco Ibáñez de…  1,200  50.0%',
      // the note wraps at the width too (the first line is exactly 30)
      '(left out: Open, 95% interval;',
      'long text cut with …; --wide',
      'shows all)',
    ]);
  });

  it('never cuts below 12 characters or drops a column without a priority: it overflows instead', () => {
    const lines = renderTextTable(columns, rows, 10).split('\n');
    expect(lines[3]).toBe('Marco Ibáñe…  1,200  50.0%');
    // a word longer than the width keeps its own line
    expect(lines.slice(4)).toEqual(['(left out:', 'Open, 95%', 'interval;', 'long text', 'cut with', '…; --wide', 'shows all)']);
  });
});

describe('tableWidth', () => {
  it('is the terminal width on a TTY, else COLUMNS, else unlimited; --wide is always unlimited', () => {
    expect(tableWidth(false, { isTTY: true, columns: 80 }, { COLUMNS: '200' })).toBe(80);
    expect(tableWidth(false, { isTTY: undefined }, { COLUMNS: '72' })).toBe(72);
    expect(tableWidth(false, { isTTY: undefined }, {})).toBeUndefined();
    expect(tableWidth(false, { isTTY: undefined }, { COLUMNS: 'wide' })).toBeUndefined();
    expect(tableWidth(true, { isTTY: true, columns: 80 }, {})).toBeUndefined();
  });
});
