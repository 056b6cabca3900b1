/** The terminal-safe formatter: every control visible, layout kept where it is ours, JSON unchanged in meaning. */
import { describe, expect, it } from 'vitest';
import { safeJson, terminalCell, terminalText } from '../src/terminal.js';

describe('terminal-safe text', () => {
  it('shows C0, DEL and C1 controls as \\x escapes and direction marks as \\u escapes', () => {
    expect(terminalCell('a\u001b[2Jb\u0007c\u007fd\u009be\u0000')).toBe('a\\x1b[2Jb\\x07c\\x7fd\\x9be\\x00');
    expect(terminalCell('x\u202ey\u2066z\u200f')).toBe('x\\u202ey\\u2066z\\u200f');
  });

  it('keeps a cell on one line and leaves printable text alone', () => {
    expect(terminalCell('one\ntwo\r\tthree')).toBe('one\\ntwo\\r\\tthree');
    expect(terminalCell('Zoë Müller — 東京 ✓')).toBe('Zoë Müller — 東京 ✓');
  });

  it('keeps the newlines, tabs and CRLF line ends of a block, not a lone carriage return', () => {
    expect(terminalText('a\n\tb\r\nc\rd\u001b]0;t\u0007')).toBe('a\n\tb\r\nc\\rd\\x1b]0;t\\x07');
  });

  it('writes JSON a parser reads back to the same values, with no raw DEL, C1 or direction mark', () => {
    const value = { name: 'a\u009b\u007f\u202e\u2028b', n: 1, esc: '\u001b' };
    const text = safeJson(value, 2);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(text).toContain('"a\\u009b\\u007f\\u202e\\u2028b"');
    expect(JSON.parse(text)).toEqual(value);
  });
});
