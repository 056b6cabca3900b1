/**
 * The one terminal-safe formatter. CRM strings and file names are untrusted: an ESC, CSI or OSC
 * sequence in a company name reaching a terminal can set the window title, clear the screen or
 * plant a hyperlink; a carriage return can overwrite what was printed; a direction override can
 * reorder a line. Every C0 and C1 control character, DEL and the invisible direction marks are
 * shown as visible escapes (`\x1b`, `\u202e`), so the text reads as what it holds and moves nothing.
 * HTML goes through its own escaper (reports/escape.ts); this is for everything a TTY shows.
 */

// C0, DEL, C1, the Arabic letter mark, LRM/RLM, line and paragraph separators, embeddings,
// overrides and isolates.
const controls = '\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const anyControl = new RegExp(`[${controls}]`, 'g');
// the same, with newline, tab and CRLF line ends (CSV's) let through: the layout of a block is ours
const controlButLayout = new RegExp(`\\r\\n|(?![\\n\\t])[${controls}]`, 'g');
// what JSON.stringify leaves raw (it escapes C0 itself)
const jsonRaw = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  const named_ = named[ch];
  if (named_) return named_;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One value on one line (a table cell, a name in a heading): every control shown escaped, newlines too. */
export const terminalCell = (value: string): string => value.replace(anyControl, visible);

/** A block of text for a terminal: controls shown escaped, its own newlines and tabs kept. */
export const terminalText = (text: string): string => text.replace(controlButLayout, (ch) => (ch === '\r\n' ? ch : visible(ch)));

/**
 * JSON whose every character is printable: the same document (a parser reads the same values),
 * with DEL, C1 and the direction marks written as \u escapes like JSON already writes C0.
 */
export const safeJson = (value: unknown, indent?: number): string =>
  (JSON.stringify(value, null, indent) ?? 'null').replace(jsonRaw, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
