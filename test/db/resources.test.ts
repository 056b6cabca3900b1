/**
 * Where DuckDB's memory limit, threads and temp directory come from (option > $REVOPS_* > config
 * "resources" > DuckDB's default), that a bad value is a usage error naming its source, and that
 * the chosen values reach DuckDB for the whole run.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { resolveResources } from '../../src/config/resources.js';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { setRunResources } from '../../src/db/runResources.js';
import { UserError } from '../../src/errors.js';
import { withMemoryBudget } from '../../src/ingest/memoryBudget.js';

const dir = mkdtempSync(join(tmpdir(), 'revops-resources-'));

afterEach(() => setRunResources({}));

const usage = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return { code: (error as UserError).exitCode, message: (error as Error).message };
  }
  throw new Error('expected a usage error');
};

describe('resolving the resource settings', () => {
  const config = { memoryLimit: '8GB', threads: 4, tempDir: '/from/config' };

  it('takes the option over the environment over the config, per setting', () => {
    const env = { REVOPS_MEMORY_LIMIT: '2GB', REVOPS_THREADS: '2' };
    expect(resolveResources({ options: { memoryLimit: '512MiB' }, env, config })).toEqual({
      memoryLimit: '512MiB',
      threads: 2,
      tempDir: '/from/config',
    });
    expect(resolveResources({ options: { threads: '1', tempDir: join(dir, 'spill') }, env: {}, config })).toEqual({
      memoryLimit: '8GB',
      threads: 1,
      tempDir: join(dir, 'spill'),
    });
    // nothing anywhere: DuckDB's defaults
    expect(resolveResources({ options: {}, env: {} })).toEqual({});
  });

  it('refuses a size without a unit or a count that is not a positive whole number, naming where it came from', () => {
    expect(usage(() => resolveResources({ options: { memoryLimit: 'lots' }, env: {} }))).toEqual({
      code: 2,
      message: '--memory-limit must be a size with a unit, like 4GB or 512MiB, not "lots"',
    });
    expect(usage(() => resolveResources({ options: {}, env: { REVOPS_MEMORY_LIMIT: '512' } }))).toEqual({
      code: 2,
      message: '$REVOPS_MEMORY_LIMIT must be a size with a unit, like 4GB or 512MiB, not "512"',
    });
    for (const bad of ['0', '-2', '1.5', 'four']) {
      expect(usage(() => resolveResources({ options: { threads: bad }, env: {} }))).toEqual({
        code: 2,
        message: `--threads must be a positive whole number, not "${bad}"`,
      });
    }
    expect(usage(() => parseConfig({ resources: { memoryLimit: '4 gigs', threads: 0 } }, dir, 'revops.config.json')).message).toBe(
      'revops.config.json: resources.memoryLimit: not a size with a unit, like 4GB or 512MiB; resources.threads: Too small: expected number to be >0',
    );
  });

  it('refuses a temp dir that is a file', () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    expect(usage(() => resolveResources({ options: { tempDir: file }, env: {} }))).toEqual({
      code: 2,
      message: `--temp-dir must be a folder, and ${file} is a file`,
    });
    expect(usage(() => resolveResources({ options: {}, env: {}, config: { tempDir: file } }))).toEqual({
      code: 2,
      message: `config resources.tempDir must be a folder, and ${file} is a file`,
    });
  });

  it("resolves the config's temp dir against the config file's folder", () => {
    expect(parseConfig({ resources: { tempDir: 'spill' } }, dir).resources).toEqual({ tempDir: join(dir, 'spill') });
  });
});

describe('the settings in DuckDB', () => {
  const setting = async (wh: Warehouse, name: string) => (await wh.one<{ value: string }>(`select current_setting('${name}')::varchar as value`))!.value;

  it('every warehouse of the run, and its sibling connections, take the run settings', async () => {
    setRunResources({ memoryLimit: '300MiB', threads: 1, tempDir: join(dir, 'spill') });
    const wh = await Warehouse.open({ path: ':memory:' });
    const sibling = await wh.sibling();
    try {
      expect([await setting(wh, 'memory_limit'), await setting(wh, 'threads'), await setting(wh, 'temp_directory')]).toEqual([
        '300.0 MiB',
        '1',
        join(dir, 'spill'),
      ]);
      expect([await setting(sibling, 'memory_limit'), await setting(sibling, 'threads')]).toEqual(['300.0 MiB', '1']);
    } finally {
      sibling.close();
      wh.close();
    }
  });

  it('creates the folders above a temp dir that does not exist yet (DuckDB makes only the last one)', async () => {
    const spill = join(dir, 'scratch', 'revops', 'spill');
    setRunResources({ tempDir: spill });
    const wh = await Warehouse.open({ path: ':memory:' });
    wh.close();
    expect(existsSync(join(dir, 'scratch', 'revops'))).toBe(true);
  });

  it("the load's memory budget keeps a limit the user set, even one above the budget", async () => {
    setRunResources({ memoryLimit: '4GiB' });
    const wh = await Warehouse.open({ path: ':memory:' });
    try {
      expect(await withMemoryBudget(wh, 1536 * 2 ** 20, () => setting(wh, 'memory_limit'))).toBe('4.0 GiB');
    } finally {
      wh.close();
    }
  });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const errors: string[] = [];
  const saved = { write: process.stdout.write, err: process.stderr.write, env: { ...process.env } };
  process.stdout.write = (() => true) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => errors.push(String(chunk)) > 0) as typeof process.stderr.write;
  Object.assign(process.env, env);
  try {
    const code = await main(['node', 'revops-report', ...args]);
    return { code, errors: errors.join('') };
  } finally {
    process.stdout.write = saved.write;
    process.stderr.write = saved.err;
    for (const name of Object.keys(env)) delete process.env[name];
    Object.assign(process.env, saved.env);
  }
}

describe('resource options on the command line', () => {
  const db = join(dir, 'empty.duckdb');

  it('exits 2 naming the option, the variable or the config key with a bad value', async () => {
    expect(await cli(['sla', '--db', db, '--memory-limit', '12'])).toEqual({
      code: 2,
      errors: 'revops-report: --memory-limit must be a size with a unit, like 4GB or 512MiB, not "12"\n',
    });
    expect(await cli(['rejects', '--db', db], { REVOPS_THREADS: 'many' })).toEqual({
      code: 2,
      errors: 'revops-report: $REVOPS_THREADS must be a positive whole number, not "many"\n',
    });
    const config = join(dir, 'bad.config.json');
    writeFileSync(config, JSON.stringify({ resources: { memoryLimit: 'half' } }));
    expect(await cli(['funnel', '--db', db, '--config', config])).toEqual({
      code: 2,
      errors: `revops-report: ${config}: resources.memoryLimit: not a size with a unit, like 4GB or 512MiB\n`,
    });
  });

  it('are offered by every command that opens a warehouse, and only by those', async () => {
    const help = async (...command: string[]) => {
      const out: string[] = [];
      const saved = process.stdout.write;
      process.stdout.write = ((chunk: string | Uint8Array) => out.push(String(chunk)) > 0) as typeof process.stdout.write;
      try {
        await main(['node', 'revops-report', ...command, '--help']);
      } finally {
        process.stdout.write = saved;
      }
      return ['--memory-limit <size>', '--threads <n>', '--temp-dir <dir>'].every((o) => out.join('').includes(o));
    };
    const opening = [
      ['load'],
      ['funnel'],
      ['speed-to-lead'],
      ['sla'],
      ['routing'],
      ['hygiene'],
      ['pipeline'],
      ['overview'],
      ['lead'],
      ['rejects'],
      ['demo'],
      ['build'],
    ];
    for (const command of [...opening, ['scoring', 'score'], ['scoring', 'backtest']]) expect([command, await help(...command)]).toEqual([command, true]);
    for (const command of [['sample'], ['scoring', 'init']]) expect([command, await help(...command)]).toEqual([command, false]);
  });
});
