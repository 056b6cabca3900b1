/**
 * True/false columns (IsWon, IsDeleted, is_won, automated): the spellings English, German, French,
 * Spanish, Italian, Dutch, Portuguese and Nordic spreadsheets and CRM exports write. Anything else
 * is not read as NULL, which would turn a won deal open or load a deleted lead: the row is rejected.
 */
const trueWords = [
  'true',
  't',
  'yes',
  'y',
  '1',
  'x',
  'wahr',
  'ja',
  'j',
  'vrai',
  'oui',
  'sí',
  'si',
  'sì',
  'verdadero',
  'vero',
  'waar',
  'sim',
  'verdadeiro',
  'sant',
];
const falseWords = ['false', 'f', 'no', 'n', '0', 'falsch', 'nein', 'faux', 'non', 'falso', 'nee', 'onwaar', 'não', 'nao', 'nej', 'falsk', 'usann'];

const list = (words: string[]) => words.map((w) => `'${w}'`).join(', ');

/** SQL: `value` (cleaned text) as a boolean; NULL when it is none of the known words. */
export function booleanSql(value: string): string {
  return `case when lower(${value}) in (${list(trueWords)}) then true when lower(${value}) in (${list(falseWords)}) then false end`;
}

/** SQL: the reason a non-empty `value` whose parse (`column`) is NULL was rejected; `header` is a bound parameter. */
export function booleanReasonSql(value: string, column: string, header: string): string {
  return `case when ${value} is not null and ${column} is null then 'not a true/false value in "' || ${header} || '": ' || ${value} end`;
}
