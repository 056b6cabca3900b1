/**
 * ISO 8601 timestamps and what follows them. An offset or `Z` right after the time is exact. A
 * zone word after a space (BigQuery and Postgres dumps write `2024-02-05 01:12:33 UTC`) is honoured
 * when it names one instant: UTC / GMT / Z and their aliases, an offset (`+00`, `-05:00`,
 * `UTC+02:00`, `GMT-5`), or an IANA zone (`America/New_York`). Letter abbreviations other than
 * those (`EST`, `IST`, `CST`) mean different zones in different countries, so such a value is
 * not read and its row is rejected with a reason that says why. Anything else is naive and is
 * read in the load's zone.
 *
 * The common value (no zone word, or an offset) is decided by character checks; the regular
 * expression runs only on values that end in a word.
 */

/** A value that may end in a zone word: a space after the time, or a final letter other than Z. */
const mayHaveWord = (v: string) =>
  `(strlen(${v}) > 16 and (contains(substr(${v}, 12), ' ') or ${v}[-1] between 'A' and 'Y' or ${v}[-1] between 'a' and 'y')
    and upper(right(${v}, 2)) not in ('AM', 'PM'))`;

/** An offset or Z written straight after the time (`…Z`, `…+01`, `…-0500`, `…+05:30`). */
const hasOffset = (v: string) =>
  `(strlen(${v}) > 10 and (ends_with(${v}, 'Z') or ends_with(${v}, 'z') or ${v}[-3] in ('+', '-') or ${v}[-5] in ('+', '-') or ${v}[-6] in ('+', '-')))`;

const word = (v: string) => `regexp_extract(${v}, '([A-Za-z][A-Za-z0-9_/+:-]*|[+-][0-9:]+)$', 1)`;
const utcWords = `('utc', 'gmt', 'ut', 'z', 'zulu', 'uct', 'universal', 'etc/utc', 'etc/gmt', 'etc/uct', 'etc/universal', 'etc/zulu')`;
const offsetPattern = `'(utc|gmt)?[+-][0-9]{1,2}(:?[0-9]{2})?'`;

/** The instant of a value ending in a zone word, NULL when the word names no single zone. */
function zoneWordSql(v: string): string {
  const w = word(v);
  const base = `try_cast(rtrim(left(${v}, length(${v}) - length(${w}))) as timestamp)`;
  const digits = `regexp_replace(${w}, '[^0-9]', '', 'g')`;
  const hours = `try_cast(case when length(${digits}) <= 2 then ${digits} else left(${digits}, length(${digits}) - 2) end as integer)`;
  const minutes = `try_cast(case when length(${digits}) <= 2 then '0' else right(${digits}, 2) end as integer)`;
  const sign = `case when contains(${w}, '-') then -1 else 1 end`;
  return `case when lower(${w}) in ${utcWords} then timezone('UTC', ${base})
      when regexp_full_match(lower(${w}), ${offsetPattern}) and ${hours} <= 14 and ${minutes} < 60
        then timezone('UTC', ${base} - to_minutes(${sign} * (${hours} * 60 + ${minutes})))
      when contains(${w}, '/') then try_cast(rtrim(left(${v}, length(${v}) - length(${w}))) || ' ' || ${w} as timestamptz)
    end`;
}

/** ISO 8601 text to TIMESTAMPTZ: exact with an offset or zone word, else naive in `zone`. */
export function isoTimestampSql(v: string, zone: string): string {
  return `case when ${mayHaveWord(v)} then ${zoneWordSql(v)}
    when ${hasOffset(v)} then try_cast(${v} as timestamptz)
    else timezone(${zone}, try_cast(${v} as timestamp)) end`;
}

/** True when the value named no zone (it was read in the load's zone). */
export function isoNaiveSql(v: string): string {
  return `(${v} is not null and not ${mayHaveWord(v)} and not ${hasOffset(v)})`;
}

/** Why an ISO-looking value was not read, when its zone word is the reason (SQL, else NULL). */
export function isoDetailSql(v: string): string {
  const w = word(v);
  return `case when ${mayHaveWord(v)} and ${w} <> '' then
      case when contains(${w}, '/') then ' (unknown time zone "' || ${w} || '")'
           when regexp_full_match(${w}, '[A-Za-z]+') and lower(${w}) not in ${utcWords}
             then ' ("' || ${w} || '" is an ambiguous time zone abbreviation: write an offset such as -05:00 or an IANA zone such as America/New_York)'
      end
    end`;
}
