/**
 * Two warehouses in one PostgreSQL database, each in its own schema (a team's `revops` and
 * `revops_staging`, or the bench's schema beside the tests'): each schema gets the compat functions
 * it needs, whatever another schema of the database already has.
 */
import { expect, it } from 'vitest';
import { PostgresWarehouse } from '../../src/db/postgres.js';
import { describeWithPostgres } from '../helpers/postgres.js';

describeWithPostgres('warehouses in two schemas of one PostgreSQL database', (server) => {
  it('gives the second schema any_value too, when the server lacks it (PostgreSQL 15) and the first schema made its own', async () => {
    const { url, schema } = server();
    const at = (suffix: string) => {
      const withSchema = new URL(url);
      withSchema.searchParams.set('schema', `${schema}_${suffix}`);
      return withSchema.toString();
    };
    const first = await PostgresWarehouse.connect(at('a'));
    const second = await PostgresWarehouse.connect(at('b'));
    try {
      const row = await second.one<{ v: number }>(`select any_value(x) as v from (values (7), (7)) as t(x)`);
      expect(row?.v).toBe(7);
      const instant = await second.one<{ v: Date }>(`select any_value(x) as v from (values (timestamptz '2026-01-02 03:04:05+00')) as t(x)`);
      expect(instant?.v.toISOString()).toBe('2026-01-02T03:04:05.000Z');
    } finally {
      await first.run(`drop schema if exists ${schema}_a cascade; drop schema if exists ${schema}_b cascade`);
      await first.closed();
      await second.closed();
    }
  }, 60_000);
});
