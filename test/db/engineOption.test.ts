/**
 * --engine (else $REVOPS_ENGINE, else config "engine") states the engine a command's warehouse
 * runs on; the --db value still picks it, and the two must agree: a usage error (exit 2) naming
 * both otherwise. Without a stated engine the URL decides, as before.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { resolveEngine } from '../../src/config/engine.js';
import { UserError } from '../../src/errors.js';
import { packageRoot } from '../../src/paths.js';
import { buildBin, runBin } from '../helpers/bin.js';
import { describeWithPostgres } from '../helpers/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'revops-engine-'));

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return { code: (error as UserError).exitCode, message: (error as Error).message };
  }
  throw new Error('expected a usage error');
};

describe('the engine a warehouse runs on', () => {
  const url = 'postgres://revops:secret@db.internal/crm?schema=revops';

  it('is what --db names when no engine is stated, and the stated one when they agree', () => {
    expect(resolveEngine({ env: {}, db: 'revops.duckdb' })).toBe('duckdb');
    expect(resolveEngine({ env: {}, db: url })).toBe('postgres');
    expect(resolveEngine({ env: {} })).toBe('duckdb');
    expect(resolveEngine({ env: { REVOPS_DB: url } })).toBe('postgres');
    expect(resolveEngine({ option: 'postgres', env: {}, db: url })).toBe('postgres');
    expect(resolveEngine({ option: 'duckdb', env: {}, db: ':memory:' })).toBe('duckdb');
    expect(resolveEngine({ env: { REVOPS_ENGINE: 'postgres', REVOPS_DB: url } })).toBe('postgres');
    expect(resolveEngine({ env: {}, config: 'duckdb', db: 'w.duckdb' })).toBe('duckdb');
  });

  it('refuses an engine that disagrees with the warehouse, naming both (and never the password)', () => {
    expect(refused(() => resolveEngine({ option: 'postgres', env: {}, db: 'revops.duckdb' }))).toEqual({
      code: 2,
      message:
        '--engine postgres, but --db revops.duckdb is a DuckDB file: give --db a PostgreSQL URL (postgres://user@host/db?schema=revops), or leave the engine out',
    });
    expect(refused(() => resolveEngine({ option: 'duckdb', env: {}, db: url }))).toEqual({
      code: 2,
      message:
        '--engine duckdb, but --db postgres://revops@db.internal/crm?schema=revops is a PostgreSQL URL: give --db a DuckDB file (revops.duckdb), or leave the engine out',
    });
    // where each came from: the variable, the config, the default warehouse
    expect(refused(() => resolveEngine({ env: { REVOPS_ENGINE: 'duckdb', REVOPS_DB: url } })).message).toMatch(
      /^\$REVOPS_ENGINE duckdb, but \$REVOPS_DB postgres:\/\/revops@db\.internal/,
    );
    expect(refused(() => resolveEngine({ env: {}, config: 'postgres' })).message).toMatch(
      /^config "engine" postgres, but the default warehouse revops\.duckdb is a DuckDB file/,
    );
    // the option wins over the variable, which wins over the config
    expect(refused(() => resolveEngine({ option: 'duckdb', env: { REVOPS_ENGINE: 'postgres' }, config: 'postgres', db: url })).message).toMatch(
      /^--engine duckdb/,
    );
    expect(refused(() => resolveEngine({ env: { REVOPS_ENGINE: 'pg' }, db: url }))).toEqual({
      code: 2,
      message: '$REVOPS_ENGINE must be duckdb or postgres, not "pg"',
    });
  });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const errors: string[] = [];
  const saved = { write: process.stdout.write, err: process.stderr.write, env: { ...process.env } };
  process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
  delete process.env.REVOPS_ENGINE;
  delete process.env.REVOPS_DB;
  Object.assign(process.env, env);
  try {
    const code = await main(['node', 'revops-report', ...args]);
    return { code, out: out.join(''), errors: errors.join('') };
  } finally {
    process.stdout.write = saved.write;
    process.stderr.write = saved.err;
    for (const name of Object.keys(process.env)) if (!(name in saved.env)) delete process.env[name];
    Object.assign(process.env, saved.env);
  }
}

describe('--engine on the command line', () => {
  it('is offered, with an example, by every command that opens a warehouse', async () => {
    for (const command of [['load'], ['funnel'], ['speed-to-lead'], ['sla'], ['rejects'], ['lead'], ['build'], ['scoring', 'backtest']]) {
      const { out } = await cli([...command, '--help']);
      expect(out, command.join(' ')).toContain('--engine <engine>');
      expect(out, command.join(' ')).toContain(`$ revops-report ${command.join(' ')} --engine postgres --db 'postgres://`);
    }
    expect((await cli(['sample', '--help'])).out).not.toContain('--engine');
  });

  it('exits 2 before opening anything when the engine and --db disagree', async () => {
    const file = join(dir, 'never-made.duckdb');
    const run = await cli(['load', join(packageRoot, 'sample-data', 'canonical', 'owners.csv'), '--engine', 'postgres', '--db', file]);
    expect(run.code).toBe(2);
    expect(run.errors).toBe(
      `revops-report: --engine postgres, but --db ${file} is a DuckDB file: give --db a PostgreSQL URL (postgres://user@host/db?schema=revops), or leave the engine out\n`,
    );
    expect(existsSync(file)).toBe(false);
    const config = join(dir, 'engine.config.json');
    writeFileSync(config, JSON.stringify({ engine: 'postgres' }));
    const fromConfig = await cli(['funnel', '--db', file, '--config', config]);
    expect(fromConfig.code).toBe(2);
    expect(fromConfig.errors).toContain(`config "engine" postgres, but --db ${file} is a DuckDB file`);
    expect((await cli(['funnel', '--engine', 'oracle', '--db', file])).code).toBe(2);
  });

  it('runs as before when it agrees with --db', async () => {
    const file = join(dir, 'agreed.duckdb');
    const run = await cli(['load', join(packageRoot, 'sample-data', 'canonical', 'owners.csv'), '--engine', 'duckdb', '--db', file, '--format', 'json']);
    expect(run.errors).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out).files[0].loaded).toBe(13);
  }, 60_000);
});

describe('--engine in the built bin', () => {
  beforeAll(() => buildBin(), 240_000);

  it('exits 2 naming both when --engine duckdb meets a postgres:// URL', async () => {
    const run = await runBin(['rejects', '--engine', 'duckdb', '--db', 'postgres://revops:secret@127.0.0.1:1/crm?schema=revops']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'revops-report: --engine duckdb, but --db postgres://revops@127.0.0.1:1/crm?schema=revops is a PostgreSQL URL: give --db a DuckDB file (revops.duckdb), or leave the engine out\n',
    );
  }, 60_000);
});

describeWithPostgres('--engine postgres against a real server', (server) => {
  it('loads into the schema the URL names and reads it back', async () => {
    const url = new URL(server().url);
    url.searchParams.set('schema', server().schema);
    const owners = join(packageRoot, 'sample-data', 'canonical', 'owners.csv');
    const loaded = await cli(['load', owners, '--engine', 'postgres', '--db', url.toString(), '--format', 'json']);
    expect(loaded.errors).toBe('');
    expect(loaded.code).toBe(0);
    expect(JSON.parse(loaded.out).files[0].loaded).toBe(13);
    const rejects = await cli(['rejects', '--engine', 'postgres', '--db', url.toString(), '--format', 'json']);
    expect(rejects.errors).toBe('');
    expect(rejects.code).toBe(0);
    expect(JSON.parse(rejects.out)).toEqual([]);
    const { rows } = await server().client.query(`select count(*)::int as n from ${server().schema}.owners`);
    expect(rows[0].n).toBe(13);
  }, 120_000);
});
