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

/** The first `max` records of a text (the header among them); blank lines are not records. */
export function parseRecords(text: string, delimiter: string, max: number): string[][] {
  const records: string[][] = [];
  let rest = text;
  while (records.length < max && rest.length > 0) {
    const { fields, end } = parseFirstRecord(rest, delimiter);
    if (!(fields.length === 1 && fields[0]!.trim() === '')) records.push(fields);
    let next = end;
    if (rest[next] === '\r') next++;
    if (rest[next] === '\n') next++;
    rest = rest.slice(Math.max(next, 1));
  }
  return records;
}
