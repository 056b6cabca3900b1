/**
 * Repeated records in one file: an exact repeat of an earlier record is a duplicate (not loaded,
 * counted); the same key with other values is a conflicting duplicate (rejected, with the row it
 * conflicts with). Runs only when the typed pass found a repeated key.
 */
import type { Warehouse } from '../db/connection.js';

/** Rewrites `typed` (typed.ts) with __duplicate and the conflict reasons; `key` is a SQL column list. */
export async function markDuplicates(wh: Warehouse, key: string): Promise<void> {
  await wh.run(`
    create table typed_marked as
    with ranked as (
      select *,
        row_number() over (partition by __hash order by __row) as __copy,
        first_value(__row) over (partition by ${key} order by __row) as __first_row,
        first_value(__hash) over (partition by ${key} order by __row) as __first_hash
      from typed
      where __reject is null
    )
    select * exclude (__copy, __first_row, __first_hash, __reject, __duplicate),
      __copy > 1 as __duplicate,
      case when __copy = 1 and __hash <> __first_hash
           then 'conflicting duplicate: same key as row ' || __first_row || ' with different values' end as __reject
    from ranked
    union all by name
    select * from typed where __reject is not null`);
  await wh.run(`drop view typed; drop table typed_rows; alter table typed_marked rename to typed_rows;
    create view typed as select * from typed_rows`);
}
