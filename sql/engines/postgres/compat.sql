-- Functions named like the DuckDB ones the models and report queries call, installed into the
-- warehouse's schema on every connect (src/db/postgres.ts), so one model text runs on both
-- engines. Each follows the DuckDB function's documented meaning. The schema comes before
-- pg_catalog on the search path, so where PostgreSQL has a function of the same name and
-- argument types but another meaning (regexp_matches returns matches, not a boolean), the
-- DuckDB meaning wins inside the warehouse schema.

-- DuckDB's DOUBLE (`::double`, `cast(x as double)`): the same 8-byte float
do $$ begin
  if not exists (select 1 from pg_type where typname = 'double' and typnamespace = current_schema()::regnamespace) then
    create domain double as float8;
  end if;
end $$;

-- Regular expressions: DuckDB (RE2) and PostgreSQL (ARE) agree on the subset the models use
-- except for two spellings: the Unicode classes \p{L} / \p{N} (letters, digits: [:alpha:] and
-- [:digit:] in a UTF-8 database) and the word boundary \b (a backspace in PostgreSQL: \y).
-- Only the models' own fixed patterns come here: scoring rule patterns are translated once in
-- TypeScript (src/scoring/regexSubset.ts) and matched with ~ (engines/postgres/scoring/).
create or replace function re2_to_are(pattern text) returns text
  language sql immutable parallel safe as $$
  select replace(replace(replace(pattern, '\p{L}', '[:alpha:]'), '\p{N}', '[:digit:]'), '\b', '\y')
$$;
create or replace function regexp_replace(s text, pattern text, replacement text, flags text) returns text
  language sql immutable parallel safe as $$ select pg_catalog.regexp_replace(s, re2_to_are(pattern), replacement, flags) $$;
create or replace function regexp_replace(s text, pattern text, replacement text) returns text
  language sql immutable parallel safe as $$ select pg_catalog.regexp_replace(s, re2_to_are(pattern), replacement) $$;
-- DuckDB's regexp_matches is a boolean: does the pattern occur anywhere in the string
create or replace function regexp_matches(s text, pattern text) returns boolean
  language sql immutable parallel safe as $$ select s ~ re2_to_are(pattern) $$;
create or replace function regexp_full_match(s text, pattern text) returns boolean
  language sql immutable parallel safe as $$ select s ~ ('^(?:' || re2_to_are(pattern) || ')$') $$;
create or replace function regexp_extract(s text, pattern text, grp integer default 0) returns text
  language sql immutable parallel safe as $$
  select coalesce(case when grp = 0 then substring(s from re2_to_are(pattern)) else (pg_catalog.regexp_match(s, re2_to_are(pattern)))[grp] end, '')
$$;

-- Instants as microseconds since the epoch, and back (DuckDB's epoch_us, make_timestamptz(us))
create or replace function epoch_us(t timestamptz) returns bigint
  language sql immutable parallel safe as $$ select (extract(epoch from t) * 1000000)::bigint $$;
create or replace function epoch(t timestamptz) returns double precision
  language sql immutable parallel safe as $$ select extract(epoch from t)::double precision $$;
create or replace function make_timestamptz(us bigint) returns timestamptz
  language sql immutable parallel safe as $$ select to_timestamp(0) + us * interval '1 microsecond' $$;
-- DuckDB's make_timestamp(us): a naive timestamp, microseconds after 1970-01-01 00:00
create or replace function make_timestamp(us bigint) returns timestamp
  language sql immutable parallel safe as $$ select timestamp '1970-01-01' + us * interval '1 microsecond' $$;

-- Intervals from a count (DuckDB's to_seconds, to_minutes, to_days, to_months)
create or replace function to_seconds(n double precision) returns interval
  language sql immutable parallel safe as $$ select n * interval '1 second' $$;
create or replace function to_minutes(n bigint) returns interval
  language sql immutable parallel safe as $$ select n * interval '1 minute' $$;
create or replace function to_days(n integer) returns interval
  language sql immutable parallel safe as $$ select make_interval(days => n) $$;
create or replace function to_months(n integer) returns interval
  language sql immutable parallel safe as $$ select make_interval(months => n) $$;

-- DuckDB's date_diff(part, a, b): whole part boundaries crossed from a to b (seconds, minutes, days)
create or replace function date_diff(part text, a timestamptz, b timestamptz) returns bigint
  language sql immutable parallel safe as $$
  select case part
    when 'second' then floor(extract(epoch from b)) - floor(extract(epoch from a))
    when 'minute' then floor(extract(epoch from b) / 60) - floor(extract(epoch from a) / 60)
    when 'day' then (b::date - a::date)
  end::bigint
$$;

create or replace function isodow(t timestamp) returns integer
  language sql immutable parallel safe as $$ select extract(isodow from t)::integer $$;
create or replace function isodow(t date) returns integer
  language sql immutable parallel safe as $$ select extract(isodow from t)::integer $$;
create or replace function hour(t timestamp) returns integer
  language sql immutable parallel safe as $$ select extract(hour from t)::integer $$;
create or replace function quarter(t timestamptz) returns integer
  language sql immutable parallel safe as $$ select extract(quarter from t)::integer $$;

-- DuckDB's strftime with the formats the models use, in the session zone (UTC)
create or replace function strftime(t timestamptz, format text) returns text
  language sql stable parallel safe as $$
  select case format
    when '%Y-%m-%dT%H:%M:%SZ' then to_char(t, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    when '%Y-%m-%d %H:%M' then to_char(t, 'YYYY-MM-DD HH24:MI')
    when '%Y-%m-%d' then to_char(t, 'YYYY-MM-DD')
    when '%Y-%m' then to_char(t, 'YYYY-MM')
    when '%Y' then to_char(t, 'YYYY')
    when '%G-W%V' then to_char(t, 'IYYY-"W"IW')
  end
$$;
create or replace function strftime(t timestamp, format text) returns text
  language sql stable parallel safe as $$ select strftime(t at time zone 'UTC', format) $$;
create or replace function strftime(t date, format text) returns text
  language sql stable parallel safe as $$ select strftime(t::timestamp at time zone 'UTC', format) $$;

-- Lists (DuckDB's list_contains, list_position, len on arrays)
create or replace function list_contains(list anyarray, item anyelement) returns boolean
  language sql immutable parallel safe as $$ select item = any(list) $$;
create or replace function list_position(list anyarray, item anyelement) returns integer
  language sql immutable parallel safe as $$ select array_position(list, item) $$;
create or replace function len(list anyarray) returns integer
  language sql immutable parallel safe as $$ select coalesce(cardinality(list), 0) $$;

create or replace function starts_with(s text, prefix text) returns boolean
  language sql immutable parallel safe as $$ select pg_catalog.starts_with(s, prefix) $$;

-- Aggregates: any_value (PostgreSQL 16 has it; 15 not), arg_min / arg_max (the value at the
-- least / greatest key, rows with a null key or value skipped), median and quantile_cont
-- (interpolated percentiles).
-- any_value is made when neither pg_catalog nor this schema has one: another schema's copy (a
-- second warehouse in the same database) is not on this schema's search path.
do $$ begin
  if not exists (
    select 1 from pg_proc
    where proname = 'any_value' and prokind = 'a' and pronamespace in ('pg_catalog'::regnamespace, current_schema()::regnamespace)
  ) then
    create function revops_first_value(state anyelement, value anyelement) returns anyelement
      language sql immutable parallel safe as 'select coalesce(state, value)';
    create aggregate any_value(anyelement) (sfunc = revops_first_value, stype = anyelement);
  end if;
end $$;
-- quantile_cont and median keep their values in a session's temporary table, not in the state.
-- A state that is the array of every value so far is copied whole at each row (SQL and PL/pgSQL
-- transition functions cannot append in place), so a group of n values cost n²: 40,000 values
-- took 80 s on PostgreSQL 15, and the funnel's and speed-to-lead's medians at 100k leads did not
-- finish. The state is [handle, q, up to 32 values], the values spilled to the table 32 at a
-- time under the group's handle; the final function reads them back. Linear, and the same values
-- are sorted and interpolated as before.
create sequence if not exists revops_quantile_handles;
create temp table if not exists revops_quantile_spill (handle bigint, v double precision) on commit delete rows;
create index if not exists revops_quantile_spill_by_handle on pg_temp.revops_quantile_spill (handle);
create or replace function revops_quantile_step(state double precision[], value double precision, q double precision) returns double precision[]
  language plpgsql volatile as $$
begin
  if state is null then
    state := array[nextval('revops_quantile_handles'), q];
  end if;
  if value is null then
    return state;
  end if;
  state := state || value;
  if cardinality(state) >= 34 then
    insert into pg_temp.revops_quantile_spill (handle, v) select state[1]::bigint, v from unnest(state[3:]) as v;
    state := state[1:2];
  end if;
  return state;
end $$;
-- DuckDB's interpolation, lo * (1 - d) + hi * d between the two values around (n - 1) * q
create or replace function revops_quantile_final(state double precision[]) returns double precision
  language sql volatile as $$
  with gathered as (
    select v from pg_temp.revops_quantile_spill where handle = state[1]::bigint
    union all
    select v from unnest(state[3:]) as v
  ),
  sorted as (select array_agg(v order by v) as vs from gathered),
  position as (select vs, (cardinality(vs) - 1) * state[2] as rn from sorted where cardinality(vs) > 0)
  select case when floor(rn) = ceil(rn) then vs[floor(rn)::int + 1]
              else vs[floor(rn)::int + 1] * (1 - (rn - floor(rn))) + vs[ceil(rn)::int + 1] * (rn - floor(rn)) end
  from position
$$;
create or replace function revops_median_step(state double precision[], value double precision) returns double precision[]
  language sql volatile as $$ select revops_quantile_step(state, value, 0.5) $$;
create or replace aggregate quantile_cont(double precision, double precision) (
  sfunc = revops_quantile_step, stype = double precision[], finalfunc = revops_quantile_final
);
create or replace aggregate median(double precision) (
  sfunc = revops_median_step, stype = double precision[], finalfunc = revops_quantile_final
);

-- DuckDB's TRY_CAST(x AS DOUBLE / DATE / TIMESTAMPTZ): NULL where the text is not one. PostgreSQL's
-- input is wider than DuckDB's (hex 0x10, 'now', 'tomorrow', 'Jan 5 2026', 01/05/2026 read as
-- month first, 5-1-2026, 2026.01.05, Julian J2451187), so the text must first have DuckDB's shape:
-- a decimal number (digits grouped by single underscores allowed) or inf/nan; a date year first
-- (- or / between its parts) or epoch/infinity. PostgreSQL's own parser then checks the rest.
create or replace function try_double(s text) returns double precision
  language plpgsql immutable parallel safe as $$
  begin
    if s ~ '^\s*[+-]?([0-9]+(_[0-9]+)*[.]?([0-9]+(_[0-9]+)*)?|[.][0-9]+(_[0-9]+)*)([eE][+-]?[0-9]+)?\s*$' then
      return replace(s, '_', '')::double precision;
    elsif lower(trim(s)) in ('inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity', 'nan') then
      return trim(s)::double precision;
    end if;
    return null;
  exception when others then return null;
  end $$;
-- the text when it has the shape of a DuckDB date or instant (DuckDB's inf spelt as PostgreSQL reads it), else null
create or replace function duckdb_date_text(s text) returns text
  language sql immutable parallel safe as $$
  select case
    when s ~ '^\s*[0-9]{4,}[-/][0-9]{1,2}[-/][0-9]{1,2}([^0-9]|$)' then s
    when lower(trim(s)) in ('epoch', 'infinity', '-infinity') then trim(s)
    when lower(trim(s)) in ('inf', '-inf') then lower(trim(s)) || 'inity'
  end
$$;
create or replace function try_date(s text) returns date
  language plpgsql immutable parallel safe as $$
  begin return duckdb_date_text(s)::date; exception when others then return null; end $$;

-- DuckDB's arg_min(value, key) / arg_max(value, key): the value at the least / greatest key (rows
-- with a NULL key or a NULL value skipped, as in DuckDB, whose arg_min_null would keep the latter;
-- the first such row on a tie). The state keeps the key as a number (numbers, and instants as
-- microseconds) or as text, and the value as text; the final function turns it back into the
-- value's type (its extra argument carries that type).
do $$ begin
  if not exists (select 1 from pg_type where typname = 'revops_arg_number' and typnamespace = current_schema()::regnamespace) then
    create type revops_arg_number as (k double precision, v text);
    create type revops_arg_text as (k text, v text);
  end if;
end $$;
create or replace function revops_arg_step(state revops_arg_number, value anyelement, key double precision, want_max boolean) returns revops_arg_number
  language sql immutable parallel safe as $$
  select case when key is null or value is null then state
              when state is null or (want_max and key > state.k) or (not want_max and key < state.k) then row(key, value::text)::revops_arg_number
              else state end
$$;
create or replace function revops_arg_step(state revops_arg_text, value anyelement, key text, want_max boolean) returns revops_arg_text
  language sql immutable parallel safe as $$
  select case when key is null or value is null then state
              when state is null or (want_max and key > state.k) or (not want_max and key < state.k) then row(key, value::text)::revops_arg_text
              else state end
$$;
create or replace function revops_arg_min_n(state revops_arg_number, value anyelement, key double precision) returns revops_arg_number
  language sql immutable parallel safe as $$ select revops_arg_step(state, value, key, false) $$;
create or replace function revops_arg_max_n(state revops_arg_number, value anyelement, key double precision) returns revops_arg_number
  language sql immutable parallel safe as $$ select revops_arg_step(state, value, key, true) $$;
create or replace function revops_arg_min_t(state revops_arg_text, value anyelement, key text) returns revops_arg_text
  language sql immutable parallel safe as $$ select revops_arg_step(state, value, key, false) $$;
create or replace function revops_arg_max_t(state revops_arg_text, value anyelement, key text) returns revops_arg_text
  language sql immutable parallel safe as $$ select revops_arg_step(state, value, key, true) $$;
create or replace function revops_arg_min_i(state revops_arg_number, value anyelement, key timestamptz) returns revops_arg_number
  language sql immutable parallel safe as $$ select revops_arg_step(state, value, epoch_us(key)::double precision, false) $$;
create or replace function revops_arg_max_i(state revops_arg_number, value anyelement, key timestamptz) returns revops_arg_number
  language sql immutable parallel safe as $$ select revops_arg_step(state, value, epoch_us(key)::double precision, true) $$;
create or replace function revops_arg_final(state revops_arg_number, value anyelement, key double precision) returns anyelement
  language plpgsql immutable parallel safe as $$ begin value := state.v; return value; end $$;
create or replace function revops_arg_final(state revops_arg_text, value anyelement, key text) returns anyelement
  language plpgsql immutable parallel safe as $$ begin value := state.v; return value; end $$;
create or replace function revops_arg_final(state revops_arg_number, value anyelement, key timestamptz) returns anyelement
  language plpgsql immutable parallel safe as $$ begin value := state.v; return value; end $$;
create or replace aggregate arg_min(anyelement, double precision) (sfunc = revops_arg_min_n, stype = revops_arg_number, finalfunc = revops_arg_final, finalfunc_extra);
create or replace aggregate arg_max(anyelement, double precision) (sfunc = revops_arg_max_n, stype = revops_arg_number, finalfunc = revops_arg_final, finalfunc_extra);
create or replace aggregate arg_min(anyelement, text) (sfunc = revops_arg_min_t, stype = revops_arg_text, finalfunc = revops_arg_final, finalfunc_extra);
create or replace aggregate arg_max(anyelement, text) (sfunc = revops_arg_max_t, stype = revops_arg_text, finalfunc = revops_arg_final, finalfunc_extra);
create or replace aggregate arg_min(anyelement, timestamptz) (sfunc = revops_arg_min_i, stype = revops_arg_number, finalfunc = revops_arg_final, finalfunc_extra);
create or replace aggregate arg_max(anyelement, timestamptz) (sfunc = revops_arg_max_i, stype = revops_arg_number, finalfunc = revops_arg_final, finalfunc_extra);

-- A row's physical place as one number: unique within a table while it is not rewritten, like
-- DuckDB's rowid (engine versions of models that number rows by it call this)
create or replace function revops_row_number(row_place tid) returns bigint
  language sql immutable parallel safe as $$
  select ((row_place::text::point)[0])::bigint * 65536 + ((row_place::text::point)[1])::bigint
$$;
create or replace function try_timestamptz(s text) returns timestamptz
  language plpgsql stable parallel safe as $$
  begin return duckdb_date_text(s)::timestamptz; exception when others then return null; end $$;

-- pipeline
-- DuckDB's round(double): halves away from zero (PostgreSQL's goes to the even neighbour: 12.5 →
-- 12, where DuckDB gives 13), so amounts in whole cents (pipeline__deal_state) are equal. x minus
-- its integer part is exact in doubles, so the half is seen exactly.
create or replace function round(x double precision) returns double precision
  language sql immutable parallel safe as $$
  select case when abs(x - pg_catalog.trunc(x)) >= 0.5 then pg_catalog.trunc(x) + pg_catalog.sign(x) else pg_catalog.trunc(x) end
$$;
-- round(double, n) as DuckDB computes it: x scaled by 10^n, rounded half away from zero, scaled
-- back (a negative n divides first); a result that overflows to inf or nan gives x back
create or replace function round(x double precision, n integer) returns double precision
  language sql immutable parallel safe as $$
  select case when r = 'infinity'::float8 or r = '-infinity'::float8 or r = 'nan'::float8 then x else r end
  from (select case when n >= 0 and abs(x) > 1.7976931348623157e308 / m then x when n >= 0 then t / m else t * m end as r
        from (select m, case when abs(s - pg_catalog.trunc(s)) >= 0.5 then pg_catalog.trunc(s) + pg_catalog.sign(s) else pg_catalog.trunc(s) end as t
              -- PostgreSQL raises on a float overflow where DuckDB's product is inf: such an x is whole already
              from (select m, case when n >= 0 and abs(x) > 1.7976931348623157e308 / m then x when n >= 0 then x * m else x / m end as s
                    from (select pg_catalog.power(10::float8, abs(n)) as m) as scale) as scaled) as rounded) as result
$$;

-- hygiene
-- DuckDB's strip_accents: the canonical decomposition (NFD) with every mark dropped (Unicode's
-- categories Mn, Mc and Me, as utf8proc's STRIPMARK), recomposed (NFC); ASCII text as it is.
-- PostgreSQL's regexes have no \p{M}: revops_marks() is the class of every code point
-- DuckDB's strip_accents drops (its Unicode version's marks, listed from DuckDB 1.5).
create or replace function revops_marks() returns text
  language sql immutable parallel safe as $$
  select '['
    '\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u05BF\u05C1-\u05C2\u05C4-\u05C5\u05C7\u0610-\u061A'
    '\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7-\u06E8\u06EA-\u06ED\u0711\u0730-\u074A'
    '\u07A6-\u07B0\u07EB-\u07F3\u07FD\u0816-\u0819\u081B-\u0823\u0825-\u0827\u0829-\u082D'
    '\u0859-\u085B\u0898-\u089F\u08CA-\u08E1\u08E3-\u0903\u093A-\u093C\u093E-\u094F\u0951-\u0957'
    '\u0962-\u0963\u0981-\u0983\u09BC\u09BE-\u09C4\u09C7-\u09C8\u09CB-\u09CD\u09D7\u09E2-\u09E3\u09FE'
    '\u0A01-\u0A03\u0A3C\u0A3E-\u0A42\u0A47-\u0A48\u0A4B-\u0A4D\u0A51\u0A70-\u0A71\u0A75\u0A81-\u0A83'
    '\u0ABC\u0ABE-\u0AC5\u0AC7-\u0AC9\u0ACB-\u0ACD\u0AE2-\u0AE3\u0AFA-\u0AFF\u0B01-\u0B03\u0B3C'
    '\u0B3E-\u0B44\u0B47-\u0B48\u0B4B-\u0B4D\u0B55-\u0B57\u0B62-\u0B63\u0B82\u0BBE-\u0BC2'
    '\u0BC6-\u0BC8\u0BCA-\u0BCD\u0BD7\u0C00-\u0C04\u0C3C\u0C3E-\u0C44\u0C46-\u0C48\u0C4A-\u0C4D'
    '\u0C55-\u0C56\u0C62-\u0C63\u0C81-\u0C83\u0CBC\u0CBE-\u0CC4\u0CC6-\u0CC8\u0CCA-\u0CCD'
    '\u0CD5-\u0CD6\u0CE2-\u0CE3\u0CF3\u0D00-\u0D03\u0D3B-\u0D3C\u0D3E-\u0D44\u0D46-\u0D48'
    '\u0D4A-\u0D4D\u0D57\u0D62-\u0D63\u0D81-\u0D83\u0DCA\u0DCF-\u0DD4\u0DD6\u0DD8-\u0DDF\u0DF2-\u0DF3'
    '\u0E31\u0E34-\u0E3A\u0E47-\u0E4E\u0EB1\u0EB4-\u0EBC\u0EC8-\u0ECE\u0F18-\u0F19\u0F35\u0F37\u0F39'
    '\u0F3E-\u0F3F\u0F71-\u0F84\u0F86-\u0F87\u0F8D-\u0F97\u0F99-\u0FBC\u0FC6\u102B-\u103E'
    '\u1056-\u1059\u105E-\u1060\u1062-\u1064\u1067-\u106D\u1071-\u1074\u1082-\u108D\u108F'
    '\u109A-\u109D\u135D-\u135F\u1712-\u1715\u1732-\u1734\u1752-\u1753\u1772-\u1773\u17B4-\u17D3'
    '\u17DD\u180B-\u180D\u180F\u1885-\u1886\u18A9\u1920-\u192B\u1930-\u193B\u1A17-\u1A1B\u1A55-\u1A5E'
    '\u1A60-\u1A7C\u1A7F\u1AB0-\u1ACE\u1B00-\u1B04\u1B34-\u1B44\u1B6B-\u1B73\u1B80-\u1B82'
    '\u1BA1-\u1BAD\u1BE6-\u1BF3\u1C24-\u1C37\u1CD0-\u1CD2\u1CD4-\u1CE8\u1CED\u1CF4\u1CF7-\u1CF9'
    '\u1DC0-\u1DFF\u20D0-\u20F0\u2CEF-\u2CF1\u2D7F\u2DE0-\u2DFF\u302A-\u302F\u3099-\u309A'
    '\uA66F-\uA672\uA674-\uA67D\uA69E-\uA69F\uA6F0-\uA6F1\uA802\uA806\uA80B\uA823-\uA827\uA82C'
    '\uA880-\uA881\uA8B4-\uA8C5\uA8E0-\uA8F1\uA8FF\uA926-\uA92D\uA947-\uA953\uA980-\uA983'
    '\uA9B3-\uA9C0\uA9E5\uAA29-\uAA36\uAA43\uAA4C-\uAA4D\uAA7B-\uAA7D\uAAB0\uAAB2-\uAAB4\uAAB7-\uAAB8'
    '\uAABE-\uAABF\uAAC1\uAAEB-\uAAEF\uAAF5-\uAAF6\uABE3-\uABEA\uABEC-\uABED\uFB1E\uFE00-\uFE0F'
    '\uFE20-\uFE2F\U000101FD\U000102E0\U00010376-\U0001037A\U00010A01-\U00010A03\U00010A05-\U00010A06'
    '\U00010A0C-\U00010A0F\U00010A38-\U00010A3A\U00010A3F\U00010AE5-\U00010AE6\U00010D24-\U00010D27'
    '\U00010EAB-\U00010EAC\U00010EFD-\U00010EFF\U00010F46-\U00010F50\U00010F82-\U00010F85'
    '\U00011000-\U00011002\U00011038-\U00011046\U00011070\U00011073-\U00011074\U0001107F-\U00011082'
    '\U000110B0-\U000110BA\U000110C2\U00011100-\U00011102\U00011127-\U00011134\U00011145-\U00011146'
    '\U00011173\U00011180-\U00011182\U000111B3-\U000111C0\U000111C9-\U000111CC\U000111CE-\U000111CF'
    '\U0001122C-\U00011237\U0001123E\U00011241\U000112DF-\U000112EA\U00011300-\U00011303'
    '\U0001133B-\U0001133C\U0001133E-\U00011344\U00011347-\U00011348\U0001134B-\U0001134D\U00011357'
    '\U00011362-\U00011363\U00011366-\U0001136C\U00011370-\U00011374\U00011435-\U00011446\U0001145E'
    '\U000114B0-\U000114C3\U000115AF-\U000115B5\U000115B8-\U000115C0\U000115DC-\U000115DD'
    '\U00011630-\U00011640\U000116AB-\U000116B7\U0001171D-\U0001172B\U0001182C-\U0001183A'
    '\U00011930-\U00011935\U00011937-\U00011938\U0001193B-\U0001193E\U00011940\U00011942-\U00011943'
    '\U000119D1-\U000119D7\U000119DA-\U000119E0\U000119E4\U00011A01-\U00011A0A\U00011A33-\U00011A39'
    '\U00011A3B-\U00011A3E\U00011A47\U00011A51-\U00011A5B\U00011A8A-\U00011A99\U00011C2F-\U00011C36'
    '\U00011C38-\U00011C3F\U00011C92-\U00011CA7\U00011CA9-\U00011CB6\U00011D31-\U00011D36\U00011D3A'
    '\U00011D3C-\U00011D3D\U00011D3F-\U00011D45\U00011D47\U00011D8A-\U00011D8E\U00011D90-\U00011D91'
    '\U00011D93-\U00011D97\U00011EF3-\U00011EF6\U00011F00-\U00011F01\U00011F03\U00011F34-\U00011F3A'
    '\U00011F3E-\U00011F42\U00013440\U00013447-\U00013455\U00016AF0-\U00016AF4\U00016B30-\U00016B36'
    '\U00016F4F\U00016F51-\U00016F87\U00016F8F-\U00016F92\U00016FE4\U00016FF0-\U00016FF1'
    '\U0001BC9D-\U0001BC9E\U0001CF00-\U0001CF2D\U0001CF30-\U0001CF46\U0001D165-\U0001D169'
    '\U0001D16D-\U0001D172\U0001D17B-\U0001D182\U0001D185-\U0001D18B\U0001D1AA-\U0001D1AD'
    '\U0001D242-\U0001D244\U0001DA00-\U0001DA36\U0001DA3B-\U0001DA6C\U0001DA75\U0001DA84'
    '\U0001DA9B-\U0001DA9F\U0001DAA1-\U0001DAAF\U0001E000-\U0001E006\U0001E008-\U0001E018'
    '\U0001E01B-\U0001E021\U0001E023-\U0001E024\U0001E026-\U0001E02A\U0001E08F\U0001E130-\U0001E136'
    '\U0001E2AE\U0001E2EC-\U0001E2EF\U0001E4EC-\U0001E4EF\U0001E8D0-\U0001E8D6\U0001E944-\U0001E94A'
    '\U000E0100-\U000E01EF'
    ']+'
$$;
create or replace function strip_accents(s text) returns text
  language sql immutable parallel safe as $$
  select case when octet_length(s) = length(s) then s
              else normalize(pg_catalog.regexp_replace(normalize(s, nfd), revops_marks(), '', 'g'), nfc) end
$$;
-- list_contains of a varchar (a model's cast column) in a bound text list: anyelement does not
-- take varchar for text
create or replace function list_contains(list text[], item text) returns boolean
  language sql immutable parallel safe as $$ select item = any(list) $$;

-- The cell rules of the engine-written CSV lists (sql/export/csv_cells.sql, DuckDB temp macros
-- there): CRM text a spreadsheet would run as a formula gets a leading ' (plain negative numbers
-- excepted), '' is empty as null is; a number prints as JS does (60, not 60.0). A double's text
-- is its shortest round-trip form on both engines (PostgreSQL 12+).
create or replace function neutralised_cell(x text) returns text
  language sql immutable parallel safe as $$
  select nullif(
    case
      when left(x, 1) not in ('=', '+', '-', '@', chr(9), chr(13)) then x
      when left(x, 1) = '-' and x ~ '^-([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?$' then x
      else '''' || x
    end, '')
$$;
create or replace function number_cell(x double precision) returns text
  language sql immutable parallel safe as $$
  select case when x = trunc(x) then cast(cast(x as bigint) as text) else cast(x as text) end
$$;
