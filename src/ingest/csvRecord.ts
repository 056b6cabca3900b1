/** Parses the first CSV record of a text (RFC 4180 quoting): enough to read a header row. */
export function parseFirstRecord(text: string, delimiter: string): { fields: string[]; end: number } {
  const fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let i = 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"' && field === '') inQuotes = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') break;
    else field += ch;
  }
  fields.push(field);
  return { fields, end: i };
}
