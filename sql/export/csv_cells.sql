-- csv_cells: the cell rules of src/reports/escape.ts (safeCsvCell) for CSV lists written by the
-- engine itself (src/export/copyCsv.ts: hygiene__issues_csv, sla__breaches_csv). Temp macros, so
-- installing them changes nothing in the warehouse; PostgreSQL has them as functions
-- (sql/engines/postgres/compat.sql). Installed by the engine before it writes (src/db).
-- neutralised_cell: CRM text that a spreadsheet would run as a formula gets a leading ' (plain
-- negative numbers excepted); '' is empty, as null is.
create or replace temp macro neutralised_cell(x) as nullif(
    case
        when left(x, 1) not in ('=', '+', '-', '@', chr(9), chr(13)) then x
        when left(x, 1) = '-' and regexp_full_match(x, '-([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][-+]?[0-9]+)?') then x
        else '''' || x
    end, '');
-- number_cell: a number as JS prints it (60, not 60.0)
create or replace temp macro number_cell(x) as
    case when x = trunc(x) then cast(cast(x as bigint) as varchar) else cast(x as varchar) end;
