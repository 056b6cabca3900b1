/** compat.sql on a server holding more than one warehouse schema: each schema gets its own functions. */
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { describeWithPostgres } from '../helpers/postgres.js';

describeWithPostgres('compat.sql in two schemas of one server', (server) => {
  const opened: PostgresWarehouse[] = [];
  afterAll(async () => {
    for (const wh of opened) {
      await wh.run(`drop schema if exists ${wh.schema} cascade`);
      await wh.closed();
    }
  });

  it("installs any_value in the second schema though the first has one (the other schema's is not on its search path)", async () => {
    const open = async () => {
      const url = new URL(server().url);
      url.searchParams.set('schema', `revops_compat_${randomBytes(6).toString('hex')}`);
      const wh = await PostgresWarehouse.connect(url.toString());
      opened.push(wh);
      return wh;
    };
    await open();
    const second = await open();
    expect(await second.one(`select any_value(x) as v from (values (7)) as t(x)`)).toEqual({ v: 7 });
  }, 60_000);
});
