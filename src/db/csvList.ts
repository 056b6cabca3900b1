/** The CSV lists the engines write themselves (src/export/copyCsv.ts): RFC 4180, a header, `\r\n`. */
export const csvListOptions = `(format csv, header, delimiter ',', new_line '\\r\\n')`;

/** A path as an SQL string literal: COPY and read_csv take no parameter for their file. */
export const sqlText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** read_csv options for the CSV PostgreSQL's COPY writes: a null is an empty field, an empty string `""` (kept apart). */
export const postgresCsvRead = `delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false`;
