/**
 * runScript runs a model file statement by statement as prepared statements. A prepared statement
 * keeps its last run's operator state (a left join's hash table) until it is destroyed, so each must be
 * destroyed once run: left to garbage collection, the memory stayed pinned into the next queries
 * (speed-to-lead then ran out of a 100MB limit at 200k leads).
 */
import { describe, expect, it } from 'vitest';
import { openTestWarehouse } from '../helpers/db.js';

describe('runScript', () => {
  it('holds no hash table once its statements have run', async () => {
    const wh = await openTestWarehouse();
    await wh.run('create table probe as select range as id, range % 1000 as k from range(300000)');
    await wh.run('create table build as select range as id, md5(cast(range as varchar)) as payload from range(300000)');
    await wh.runScript(
      `create table joined as select probe.k, build.payload from probe left join build on build.id = probe.id;
       select count(*) from joined;`,
      'test script',
    );
    const held = await wh.one<{ mb: number }>(
      `select cast(coalesce(sum(memory_usage_bytes), 0) / 1048576 as integer) as mb from duckdb_memory() where tag = 'HASH_TABLE'`,
    );
    expect(await wh.one('select cast(count(*) as integer) as n from joined')).toEqual({ n: 300000 });
    expect(held?.mb).toBe(0);
  });
});
