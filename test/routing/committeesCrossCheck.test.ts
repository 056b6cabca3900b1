/**
 * Buying committees two ways on seeded random data: the model (sql/routing/routing__committees.sql,
 * a running count over each contact's stretches of engagement) against the definition written out
 * as a self-join: for every engagement e of an account, the distinct contacts engaging in
 * (e - window, e]; the best window has the most contacts, the earliest on a tie. Accounts are
 * small and dense, with engagements exactly a window apart and repeated instants, so the
 * half-open edges are exercised.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../src/db/connection.js';
import { sqlPath } from '../../src/paths.js';

let wh: Warehouse;

const params = { from: new Date('2024-01-01T00:00:00Z'), as_of: new Date('2024-12-31T00:00:00Z'), min_contacts: 3, window_days: 7, limit: 1000 };

// the definition as a self-join: quadratic in an account's engagements, fine at this size
const bySelfJoin = `
with accounts as (
    select lead_id, coalesce(nullif(trim(account_id), ''), 'company:' || lower(trim(company))) as account_key
    from dim_leads
),
engagements as (
    select lead_id, occurred_at from engagement_events where occurred_at >= $from and occurred_at <= $as_of
    union
    select lead_id, occurred_at from activities
    where direction = 'inbound' and lead_id is not null and occurred_at >= $from and occurred_at <= $as_of
),
touches as (
    select distinct accounts.account_key, engagements.lead_id, engagements.occurred_at
    from engagements join accounts on accounts.lead_id = engagements.lead_id
),
windows as (
    select ends.account_key, ends.occurred_at as window_end, count(distinct inside.lead_id) as contacts
    from touches as ends
    join touches as inside
      on inside.account_key = ends.account_key
     and inside.occurred_at <= ends.occurred_at
     and inside.occurred_at > ends.occurred_at - to_days(cast($window_days as integer))
    group by ends.account_key, ends.occurred_at
)
select account_key, cast(max(contacts) as integer) as contacts, arg_max(window_end, contacts * 1e12 - epoch(window_end)) as window_end
from windows
group by account_key
having max(contacts) >= $min_contacts
order by contacts desc, account_key`;

beforeAll(async () => {
  wh = await Warehouse.open({ path: ':memory:', skipSchema: true });
  // 40 accounts of up to 12 contacts; engagements on whole hours of the first 60 days, so many fall
  // exactly 7 days (168 hours) apart or at the same instant; inbound and outbound activities
  await wh.run(`
    create table dim_leads as
      select 'L' || i as lead_id, 'O' || (i % 5) as owner_id, 'Rep ' || (i % 5) as owner_name,
             case when i % 9 = 0 then '' else 'A' || (hash(i, 1) % 40) end as account_id, 'Co ' || (hash(i, 1) % 40) as company
      from range(400) as t(i);
    create table engagement_events as
      select 'L' || (hash(j, 2) % 400) as lead_id, timestamptz '2024-01-01 00:00:00+00' + to_hours(cast(hash(j, 3) % 1440 as integer)) as occurred_at
      from range(3000) as t(j);
    create table activities as
      select 'L' || (hash(j, 4) % 400) as lead_id, case when j % 3 = 0 then 'outbound' else 'inbound' end as direction,
             timestamptz '2024-01-01 00:00:00+00' + to_hours(cast(hash(j, 5) % 1440 as integer)) as occurred_at
      from range(1500) as t(j);`);
});

afterAll(() => wh.close());

describe('buying committees', () => {
  it('finds the same best window per account as the self-join of the definition', async () => {
    const model = await wh.all<{ account_key: string; contacts: number; window_end: Date }>(
      `select account_key, contacts, window_end from (${await readFile(sqlPath('routing/routing__committees.sql'), 'utf8')}) as model order by contacts desc, account_key`,
      params,
    );
    const { limit: _limit, ...selfJoinParams } = params;
    const expected = await wh.all<{ account_key: string; contacts: number; window_end: Date }>(bySelfJoin, selfJoinParams);
    // dense enough to be a real check: most accounts have a committee, of several sizes
    expect(expected.length).toBeGreaterThan(20);
    expect(new Set(expected.map((r) => r.contacts)).size).toBeGreaterThan(2);
    expect(model.map((r) => ({ ...r, window_end: new Date(r.window_end).toISOString() }))).toEqual(
      expected.map((r) => ({ ...r, window_end: new Date(r.window_end).toISOString() })),
    );
  });
});
