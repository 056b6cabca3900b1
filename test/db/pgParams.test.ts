import { describe, expect, it } from 'vitest';
import { bindPostgres, splitStatements } from '../../src/db/pgParams.js';

describe('binding DuckDB-style parameters for PostgreSQL', () => {
  it('numbers named parameters by first use and binds a repeated name once', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    expect(bindPostgres('select * from leads where created_at >= $since and owner_id = $owner or created_at = $since', { owner: 'o1', since })).toEqual({
      text: 'select * from leads where created_at >= $1::timestamptz and owner_id = $2 or created_at = $1::timestamptz',
      values: [since, 'o1'],
    });
  });

  it('leaves strings, quoted names and comments alone', () => {
    const { text, values } = bindPostgres(`select '$name', "$name" -- $name\n, $name`, { name: 'x' });
    expect(text).toBe(`select '$name', "$name" -- $name\n, $1`);
    expect(values).toEqual(['x']);
  });

  it('types lists from their values, as DuckDB infers list types', () => {
    expect(bindPostgres('select unnest($keys), unnest($orders), unnest($weights)', { keys: [null, 'a'], orders: [1, null], weights: [0.5] }).text).toBe(
      'select unnest($1::text[]), unnest($2::int8[]), unnest($3::float8[])',
    );
  });

  it("numbers Kysely's ? placeholders in order", () => {
    expect(bindPostgres(`select ? as a, '?' as b, ? as c`, ['x', 'y'])).toEqual({ text: `select $1 as a, '?' as b, $2 as c`, values: ['x', 'y'] });
  });
});

describe('splitting a script into statements', () => {
  it('splits at semicolons outside strings, comments and dollar-quoted bodies', () => {
    const script = `-- a comment; still a comment\ncreate function f() returns int language sql as $$ select 1; $$;\nselect ';';\n-- trailing`;
    expect(splitStatements(script).map((s) => s.trim())).toEqual([
      '-- a comment; still a comment\ncreate function f() returns int language sql as $$ select 1; $$',
      "select ';'",
    ]);
  });
});
