-- The functions the portable models call where DuckDB would write syntax (TRY_CAST), under the
-- names sql/engines/postgres/compat.sql gives them, so one model text runs on both engines.
-- Temporary macros: every connection makes its own (read-only warehouses too), nothing is stored.
create or replace temp macro try_double(s) as try_cast(s as double);
create or replace temp macro try_date(s) as try_cast(s as date);
create or replace temp macro try_timestamptz(s) as try_cast(s as timestamptz);
