/**
 * Tests against a real PostgreSQL server. The server's URL comes from REVOPS_TEST_PG_URL
 * (`.ci/run` starts a throwaway server and sets it; `bash .ci/postgres.sh start` does the same
 * for a developer). Without it such tests are skipped locally and fail under CI=true, so CI
 * cannot pass by silently not running them.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, it } from 'vitest';

export function testPostgresUrl(): string | undefined {
  const url = process.env.REVOPS_TEST_PG_URL?.trim();
  return url ? url : undefined;
}

export interface TestSchema {
  /** A connected client whose search_path is the fresh schema. */
  readonly client: pg.Client;
  readonly schema: string;
  readonly url: string;
}

/**
 * `describe` for tests that need the server. `body` gets the test file's own schema, created
 * before its tests and dropped (cascade) after them, so files never see each other's tables.
 */
export function describeWithPostgres(name: string, body: (server: () => TestSchema) => void): void {
  const url = testPostgresUrl();
  if (!url) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        it('has a PostgreSQL server to run against', () => {
          throw new Error('REVOPS_TEST_PG_URL is not set under CI=true: .ci/run starts a server and sets it (.ci/postgres.sh)');
        });
      });
    } else describe.skip(`${name} (set REVOPS_TEST_PG_URL, e.g. from \`bash .ci/postgres.sh start\`)`, () => body(unavailable));
    return;
  }
  describe(name, () => {
    let current: TestSchema | undefined;
    beforeAll(async () => {
      current = await createTestSchema(url);
    });
    afterAll(async () => {
      if (current) await dropTestSchema(current);
    });
    body(() => current ?? unavailable());
  });
}

function unavailable(): never {
  throw new Error('the PostgreSQL test schema is not open');
}

export async function createTestSchema(url: string): Promise<TestSchema> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const schema = `revops_test_${randomBytes(6).toString('hex')}`;
  await client.query(`create schema ${schema}`);
  await client.query(`set search_path to ${schema}`);
  return { client, schema, url };
}

export async function dropTestSchema(test: TestSchema): Promise<void> {
  try {
    await test.client.query(`drop schema if exists ${test.schema} cascade`);
  } finally {
    await test.client.end();
  }
}
