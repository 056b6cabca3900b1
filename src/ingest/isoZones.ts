/**
 * ISO 8601 timestamps and what follows them. An offset or `Z` right after the time is exact. A
 * zone word after a space (BigQuery and Postgres dumps write `2024-02-05 01:12:33 UTC`) is honoured
 * when it names one instant: UTC / GMT / Z and their aliases, an offset (`+00`, `-05:00`,
 * `UTC+02:00`, `GMT-5`), or an IANA zone (`America/New_York`). Letter abbreviations other than
 * those (`EST`, `IST`, `CST`) mean different zones in different countries, so such a value is
 * not read and its row is rejected with a reason that says why. Anything else is naive and is
 * read in the load's zone.
 *
 * The common value (naive, or with an offset) is decided by character checks; the regular
 * expression runs only on values that end in a word.
 */

/**
 * A sign after the date: a `+`, or a third `-` (the date has two). Cheaper than looking at the
 * places an offset can start, and it runs on every value.
 */
const hasSign = (v: string) => `(strlen(${v}) > 10 and (contains(${v}, '+') or ${v} like '%-%-%-%'))`;

/** An offset or Z straight after the time (`…Z`, `…+01`, `…-0500`, `…+05:30`). */
const hasOffset = (v: string) => `(ends_with(${v}, 'Z') or ends_with(${v}, 'z') or ${hasSign(v)})`;

/**
 * A word after the time: a final letter other than Z (a lowercase z, which DuckDB's cast refuses,
 * is read as a word), or a space after the time (a second space, or any space after a `T`), which
 * also catches `… +00` and `… Z`. AM/PM is a clock, not a zone.
 */
const hasWord = (v: string) =>
  `((${v}[-1] between 'A' and 'Y' or ${v}[-1] between 'a' and 'z' or ${v} like '% % %' or (${v}[11] = 'T' and contains(${v}, ' ')))
    and upper(right(${v}, 2)) not in ('AM', 'PM'))`;

const wordPattern = `'([A-Za-z][A-Za-z0-9_/+:-]*|[+-][0-9:]+)$'`;
const utcWords = `('utc', 'gmt', 'ut', 'z', 'zulu', 'uct', 'universal', 'etc/utc', 'etc/gmt', 'etc/uct', 'etc/universal', 'etc/zulu')`;
const offsetPattern = `'(utc|gmt)?[+-][0-9]{1,2}(:?[0-9]{2})?'`;

/**
 * `body` over the value's zone word, bound once as `__zw`. A lambda, because DuckDB hoists a
 * subexpression written more than once out of its CASE and would run the regex on every value.
 */
const withWord = (v: string, body: string) => `list_transform([regexp_extract(${v}, ${wordPattern}, 1)], __zw -> ${body})[1]`;

/** The value without its zone word (inside `withWord`). */
const textBefore = (v: string) => `rtrim(left(${v}, length(${v}) - length(__zw)))`;

/** The instant of a value ending in a zone word, NULL when the word names no single zone. */
function zoneWordSql(v: string): string {
  const w = '__zw';
  const before = textBefore(v);
  const digits = `regexp_replace(${w}, '[^0-9]', '', 'g')`;
  const hours = `try_cast(case when length(${digits}) <= 2 then ${digits} else left(${digits}, length(${digits}) - 2) end as integer)`;
  const minutes = `try_cast(case when length(${digits}) <= 2 then '0' else right(${digits}, 2) end as integer)`;
  const sign = `case when contains(${w}, '-') then -1 else 1 end`;
  return withWord(
    v,
    `case when lower(${w}) in ${utcWords} then timezone('UTC', try_cast(${before} as timestamp))
      when regexp_full_match(lower(${w}), ${offsetPattern}) and ${hours} <= 14 and ${minutes} < 60
        then timezone('UTC', try_cast(${before} as timestamp) - to_minutes(${sign} * (${hours} * 60 + ${minutes})))
      when contains(${w}, '/') then try_cast(${before} || ' ' || ${w} as timestamptz)
    end`,
  );
}

/**
 * ISO 8601 text to TIMESTAMPTZ: exact with an offset or a zone word, else naive in `zone`. Only
 * cheap string tests run on every value, the Z test first (Data Loader and API dumps end every
 * value in Z), and all of them inside CASE, where DuckDB stops at the first that decides.
 */
export function isoTimestampSql(v: string, zone: string): string {
  return `case when ends_with(${v}, 'Z') and ${v}[-2] <> ' ' then try_cast(${v} as timestamptz)
    when ${hasWord(v)} then ${zoneWordSql(v)}
    when ${hasOffset(v)} then try_cast(${v} as timestamptz)
    else timezone(${zone}, try_cast(${v} as timestamp)) end`;
}

/**
 * True when the value named no zone (it was read in the load's zone). The same decision as the
 * parse for every value that parsed, by the shortest path for the common naive one: it ends in a
 * digit, has no word after a space, and no sign where an offset would be.
 */
export function isoNaiveSql(v: string): string {
  return `case when ${v} is null or not (${v}[-1] between '0' and '9') then false
    when ${hasSign(v)} then false
    when strpos(${v}, ' ') not in (0, 11) or ${v} like '% % %' then false
    else true end`;
}

/**
 * Why an ISO-looking value was not read, when its zone word is the reason: the text before the
 * word is a good timestamp (`not a date` is just unparseable). SQL, else NULL.
 */
export function isoDetailSql(v: string): string {
  const w = '__zw';
  return `case when ${hasWord(v)} or ${hasOffset(v)} then ${withWord(
    v,
    `case
      when ${w} = '' or try_cast(${textBefore(v)} as timestamp) is null then null
      when contains(${w}, '/') then ' (unknown time zone "' || ${w} || '")'
      when regexp_full_match(${w}, '[A-Za-z]+') and lower(${w}) not in ${utcWords}
        then ' ("' || ${w} || '" is an ambiguous time zone abbreviation: write an offset such as -05:00 or an IANA zone such as America/New_York)'
    end`,
  )} end`;
}
