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
-- least / greatest key, nulls keys skipped), median and quantile_cont (interpolated percentiles).
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

-- DuckDB's TRY_CAST(x AS DOUBLE / DATE): NULL where the text is not one (engine versions of models call these)
create or replace function try_double(s text) returns double precision
  language plpgsql immutable parallel safe as $$ begin return s::double precision; exception when others then return null; end $$;
create or replace function try_date(s text) returns date
  language plpgsql immutable parallel safe as $$ begin return s::date; exception when others then return null; end $$;

-- DuckDB's arg_min(value, key) / arg_max(value, key): the value at the least / greatest key (rows
-- with a NULL key skipped; the first such row on a tie). The state keeps the key as a number
-- (numbers, and instants as microseconds) or as text, and the value as text; the final function
-- turns it back into the value's type (its extra argument carries that type).
do $$ begin
  if not exists (select 1 from pg_type where typname = 'revops_arg_number' and typnamespace = current_schema()::regnamespace) then
    create type revops_arg_number as (k double precision, v text);
    create type revops_arg_text as (k text, v text);
  end if;
end $$;
create or replace function revops_arg_step(state revops_arg_number, value anyelement, key double precision, want_max boolean) returns revops_arg_number
  language sql immutable parallel safe as $$
  select case when key is null then state
              when state is null or (want_max and key > state.k) or (not want_max and key < state.k) then row(key, value::text)::revops_arg_number
              else state end
$$;
create or replace function revops_arg_step(state revops_arg_text, value anyelement, key text, want_max boolean) returns revops_arg_text
  language sql immutable parallel safe as $$
  select case when key is null then state
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
  language plpgsql stable parallel safe as $$ begin return s::timestamptz; exception when others then return null; end $$;
