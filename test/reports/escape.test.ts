import { describe, expect, it } from 'vitest';
import { escapeHtml, safeCsvCell, toCsv } from '../../src/reports/escape.js';

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
  it('escapes an already-escaped entity again, so it shows literally', () => {
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });
  it('renders null as empty and numbers as text', () => {
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('safeCsvCell', () => {
  it.each([
    // formula triggers get a leading apostrophe
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['-', "'-"],
    ['-5 days', "'-5 days"],
    // a carriage return both triggers and forces quoting
    ['\r=1', `"'\r=1"`],
    // neutralised and then quoted, quotes doubled
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    // plain negative numbers, as text or numbers, stay numbers
    ['-3.5', '-3.5'],
    ['-1e-3', '-1e-3'],
    ['-.5', '-.5'],
    [-3.5, '-3.5'],
    // RFC 4180 quoting
    ['Acme, Inc.', '"Acme, Inc."'],
    ['He said "hi"', '"He said ""hi"""'],
    ['line1\nline2', '"line1\nline2"'],
    // a leading space is not a formula in any spreadsheet we target; left as typed
    [' =1', ' =1'],
    ['Marco Ibáñez', 'Marco Ibáñez'],
  ])('%j → %j', (input, expected) => {
    expect(safeCsvCell(input)).toBe(expected);
  });

  it('writes non-string values plainly', () => {
    expect(safeCsvCell(null)).toBe('');
    expect(safeCsvCell(undefined)).toBe('');
    expect(safeCsvCell(Number.NaN)).toBe('');
    expect(safeCsvCell(true)).toBe('true');
    expect(safeCsvCell(12345678901234567890n)).toBe('12345678901234567890');
    expect(safeCsvCell(new Date('2024-03-04T05:06:07Z'))).toBe('2024-03-04T05:06:07.000Z');
    expect(safeCsvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});

describe('toCsv', () => {
  const columns = [{ key: 'owner', label: 'Owner' }, 'mqls'];

  it('writes a header row, one line per row and CRLF line ends', () => {
    const csv = toCsv(columns, [{ owner: "=cmd|' /C calc'!A0", mqls: 3 }, { owner: 'Smith, J', mqls: -2, ignored: 'not a column' }, { owner: null }]);
    expect(csv).toBe("Owner,mqls\r\n'=cmd|' /C calc'!A0,3\r\n\"Smith, J\",-2\r\n,\r\n");
  });

  it('writes numbers to at most 4 decimals: CSV is read by people, JSON keeps every digit', () => {
    const csv = toCsv(
      ['rate', 'n'],
      [
        { rate: 842 / 8000, n: 8000 },
        { rate: 2 / 3, n: 3 },
        { rate: -1 / 3, n: 0 },
        { rate: 0.5, n: 1e-3 },
      ],
    );
    expect(csv).toBe('rate,n\r\n0.1052,8000\r\n0.6667,3\r\n-0.3333,0\r\n0.5,0.001\r\n');
  });

  it('neutralises header labels too', () => {
    expect(toCsv([{ key: 'a', label: '=1+1' }], [])).toBe("'=1+1\r\n");
  });
});

describe('escapeKeepingWords', () => {
  it('wraps words holding a hyphen, dash or slash in a no-wrap span and escapes everything', async () => {
    const { escapeKeepingWords } = await import('../../src/reports/escape.js');
    expect(escapeKeepingWords('From 2026-11-01 – 38–96% of <b>a/b</b> re-entries')).toBe(
      'From <span class="nw">2026-11-01</span> – <span class="nw">38–96%</span> of <span class="nw">&lt;b&gt;a/b&lt;/b&gt;</span> <span class="nw">re-entries</span>',
    );
    expect(escapeKeepingWords(null)).toBe('');
  });
});
