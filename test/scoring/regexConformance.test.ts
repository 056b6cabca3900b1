/**
 * The scoring regex subset means the same on both engines: for every pattern of the templates and
 * a list of edge cases, DuckDB's `regexp_matches(value, pattern)` (the call score_as_of.sql makes)
 * agrees with PostgreSQL's `value ~ toPostgresRegex(pattern)` on every sample value. Run on PGlite
 * always, and on a real server when REVOPS_TEST_PG_URL is set (always under CI: .ci/postgres.sh).
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/db/connection.js';
import { rulePatterns } from '../../src/scoring/checkPatterns.js';
import { toPostgresRegex } from '../../src/scoring/regexSubset.js';
import { templates } from '../../src/scoring/templates.js';
import { openTestWarehouse } from '../helpers/db.js';
import { describeWithPostgres } from '../helpers/postgres.js';
import { edgePatterns, needsTranslation, samples } from './regexCases.js';

/** PGlite and a `pg` client both answer this. */
interface PgLike {
  query(sql: string, params: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

const templatePatterns = [...new Set(Object.values(templates).flatMap((model) => rulePatterns(model).map((rule) => rule.pattern)))];

async function duckMatches(wh: Warehouse, pattern: string): Promise<boolean[]> {
  const rows = await wh.all<{ m: boolean }>(
    `select regexp_matches(s, $pattern) as m
     from (select unnest($samples::varchar[]) as s, unnest(range(len($samples::varchar[]))) as i)
     order by i`,
    { pattern, samples },
  );
  return rows.map((row) => row.m);
}

async function pgMatches(db: PgLike, pattern: string): Promise<boolean[]> {
  const result = await db.query('select s ~ $1 as m from unnest($2::text[]) with ordinality as t(s, i) order by i', [pattern, samples]);
  return result.rows.map((row) => row.m as boolean);
}

/** The samples the two engines disagree on, as [sample, duckdb, postgres] for a readable failure. */
async function disagreements(wh: Warehouse, db: PgLike, pattern: string, pgPattern: string) {
  const [duck, pg] = await Promise.all([duckMatches(wh, pattern), pgMatches(db, pgPattern)]);
  return samples.flatMap((sample, i) => (duck[i] === pg[i] ? [] : [[sample, duck[i], pg[i]]]));
}

function conformance(engine: string, pg: () => PgLike, opts: { localeDependentDemos: boolean }) {
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openTestWarehouse();
  });

  it(`${engine}: every template pattern matches the same samples as in DuckDB`, async () => {
    expect(templatePatterns.length).toBe(8);
    for (const pattern of templatePatterns) {
      expect(await disagreements(wh, pg(), pattern, toPostgresRegex(pattern)), pattern).toEqual([]);
    }
  });

  it(`${engine}: every edge-case pattern matches the same samples as in DuckDB`, async () => {
    for (const pattern of edgePatterns) {
      expect(await disagreements(wh, pg(), pattern, toPostgresRegex(pattern)), pattern).toEqual([]);
    }
  });

  it(`${engine}: the same patterns untranslated disagree (\\b is a backspace in PostgreSQL)`, async () => {
    for (const { pattern, sample, localeDependent } of needsTranslation) {
      if (localeDependent && !opts.localeDependentDemos) continue;
      const duck = (await wh.one<{ m: boolean }>('select regexp_matches($s, $p) as m', { s: sample, p: pattern }))!.m;
      // an error counts as disagreeing: PostgreSQL takes (?i) only once, at the start
      const raw = await pg()
        .query('select $1 ~ $2 as m', [sample, pattern])
        .then(
          (r) => r.rows[0]!.m,
          () => 'error',
        );
      const translated = (await pg().query('select $1 ~ $2 as m', [sample, toPostgresRegex(pattern)])).rows[0]!.m;
      expect({ pattern, sample, rawAgrees: raw === duck, translated }).toEqual({ pattern, sample, rawAgrees: false, translated: duck });
    }
  });
}

describe('scoring regexes on PGlite and DuckDB', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = new PGlite();
    await db.waitReady;
  });
  afterAll(async () => {
    await db.close();
  });
  conformance('PGlite', () => db as unknown as PgLike, { localeDependentDemos: true });
});

describeWithPostgres('scoring regexes on a PostgreSQL server and DuckDB', (server) => {
  // The server's locale is whatever initdb was given: only the demonstrations that hold in any locale.
  conformance('PostgreSQL server', () => server().client as unknown as PgLike, { localeDependentDemos: false });
});
