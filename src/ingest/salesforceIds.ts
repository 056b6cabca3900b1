/**
 * Salesforce ids come 15 characters long (case-sensitive) in report exports and 18 long from the
 * API, Data Loader and Fivetran: the last 3 characters encode which of the first 15 letters are
 * upper case, 5 characters each. Widening the short form in SQL lets a report's leads merge with
 * the same leads from any other export.
 */

const suffixAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** One checksum character: bit j set when character j of the 5-character chunk is A–Z. */
function chunkChar(value: string, chunk: number): string {
  const bits = [0, 1, 2, 3, 4].map((j) => {
    const ch = `substr(${value}, ${chunk * 5 + j + 1}, 1)`;
    return `(case when ${ch} between 'A' and 'Z' then ${1 << j} else 0 end)`;
  });
  return `substr('${suffixAlphabet}', ${bits.join(' + ')} + 1, 1)`;
}

/** SQL: the 18-character id for a 15-character alphanumeric value; anything else unchanged. */
export function salesforceId18(value: string): string {
  return `case when length(${value}) = 15 and regexp_full_match(${value}, '[0-9A-Za-z]{15}')
    then ${value} || ${chunkChar(value, 0)} || ${chunkChar(value, 1)} || ${chunkChar(value, 2)}
    else ${value} end`;
}

/** The same computation in TypeScript, for tests and messages. */
export function toSalesforceId18(id: string): string {
  if (!/^[0-9A-Za-z]{15}$/.test(id)) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let j = 0; j < 5; j++) if (/[A-Z]/.test(id[chunk * 5 + j]!)) bits |= 1 << j;
    suffix += suffixAlphabet[bits];
  }
  return id + suffix;
}
