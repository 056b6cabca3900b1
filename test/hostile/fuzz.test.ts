/**
 * Generated hostile inputs: the sample exports (sample-data/), mutated by a seeded generator —
 * truncated, re-encoded, delimiters swapped, columns shuffled, values replaced with noise, lines
 * repeated, blanked, re-ended or broken by a stray quote — and
 * loaded one after another into one warehouse. Every run must either load with every row
 * accounted for (read = loaded + rejected + duplicates, one rejected_rows row per rejected row) or
 * fail with a UserError (exit 1 or 3) that leaves the warehouse as it was. Anything else (a crash)
 * fails the case, whose name carries the seed and run to reproduce it:
 * `FUZZ_SEED=7 FUZZ_RUNS=40 npx vitest run test/hostile/fuzz.test.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { Random } from '../../src/sample/random.js';
import { warehouseContents } from '../ingest/snapshot.js';
import { attemptLoad, caseDir, type HostileClass, hostileCase, writeInput } from './harness.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261201);
const runs = Number(process.env.FUZZ_RUNS ?? 40);
// the first lines of each export are enough to reach every code path, and keep a run short
const maxLines = 120;

const sampleRoot = fileURLToPath(new URL('../../sample-data/', import.meta.url));
const samples = ['canonical', 'hubspot', 'salesforce'].flatMap((dir) =>
  readdirSync(join(sampleRoot, dir))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => {
      const lines = readFileSync(join(sampleRoot, dir, f), 'utf8').split('\n');
      return { name: `${dir}/${f}`, file: f, text: `${lines.slice(0, maxLines).join('\n')}\n` };
    }),
);

type Kind = 'truncate' | 'encoding' | 'delimiter' | 'columns' | 'noise' | 'lines';
const classOf: Record<Kind, HostileClass> = {
  truncate: 'files in flight',
  encoding: 'encodings',
  delimiter: 'delimiters and locales',
  columns: 'delimiters and locales',
  noise: 'numbers and booleans',
  lines: 'delimiters and locales',
};

// values people and exports really put in cells, and a few that attack the parser
const noise = [
  '',
  'NULL',
  'null',
  'None',
  '\\N',
  'N/A',
  '-',
  '0',
  '-0',
  '1e309',
  'NaN',
  '1,5',
  '1.234,56',
  '$1,200.00',
  '(300)',
  '="00123"',
  '=HYPERLINK("http://x")',
  '+1',
  'TRUE',
  'yes',
  'X',
  '2024-02-30',
  '13/13/2024',
  '03/04/2024',
  '2024-03-10 02:30',
  '1711234567',
  '２０２４-０１-０１',
  '2024-01-01T00:00:00+25:00',
  '000000000000000AAA',
  '00Q5e00000ABCDE',
  ' padded ',
  '"',
  '""',
  'a\nb',
  'a\r\nb',
  'tab\there',
  '\u0000',
  '\u001b[2J',
  '\ufeff',
  '💥',
  'Zoë Müller',
  '<script>alert(1)</script>',
  'x'.repeat(5000),
];

interface Mutation {
  kind: Kind;
  label: string;
  apply(input: Buffer): Buffer;
}

function parse(input: Buffer): string[][] {
  return Papa.parse<string[]>(input.toString('utf8'), { skipEmptyLines: false }).data;
}
const unparse = (rows: string[][], delimiter = ',') => Buffer.from(`${Papa.unparse(rows, { delimiter, newline: '\n' })}\n`);

function mutation(rng: Random): Mutation {
  const kind = rng.pick<Kind>(['truncate', 'encoding', 'delimiter', 'columns', 'noise', 'lines']);
  switch (kind) {
    case 'truncate': {
      const share = rng.next();
      return { kind, label: `truncate at ${(share * 100).toFixed(0)}%`, apply: (b) => b.subarray(0, Math.floor(b.length * share)) };
    }
    case 'encoding': {
      const how = rng.pick(['latin1', 'utf16le', 'utf16le-bom', 'bad-bytes', 'nul-bytes', 'double-bom']);
      const at = rng.next();
      return {
        kind,
        label: `encoding ${how}`,
        apply: (b) => {
          const text = b.toString('utf8');
          if (how === 'latin1') return Buffer.from(text, 'latin1');
          if (how === 'utf16le') return Buffer.from(text, 'utf16le');
          if (how === 'utf16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
          if (how === 'double-bom') return Buffer.concat([Buffer.from('\ufeff\ufeff'), b]);
          const cut = Math.floor(b.length * at);
          const bytes = how === 'bad-bytes' ? [0xc3, 0xff, 0xfe, 0x80] : [0x00, 0x00];
          return Buffer.concat([b.subarray(0, cut), Buffer.from(bytes), b.subarray(cut)]);
        },
      };
    }
    case 'delimiter': {
      const to = rng.pick([';', '\t', '|']);
      const partial = rng.chance(0.3);
      const keep = rng.int(1, 20);
      return {
        kind,
        label: `delimiter , -> ${JSON.stringify(to)}${partial ? ` after line ${keep}` : ''}`,
        apply: (b) => {
          const lines = b.toString('utf8').split('\n');
          return Buffer.from(lines.map((l, i) => (partial && i < keep ? l : l.replaceAll(',', to))).join('\n'));
        },
      };
    }
    case 'columns': {
      const how = rng.pick(['permute', 'header-only', 'drop', 'duplicate-header']);
      const r = Random.forItem(seed, rng.int(0, 1_000_000));
      return {
        kind,
        label: `columns ${how}`,
        apply: (b) => {
          const rows = parse(b);
          const width = rows[0]?.length ?? 0;
          if (width < 2) return b;
          const order = [...Array(width).keys()];
          for (let i = width - 1; i > 0; i--) {
            const j = r.int(0, i);
            [order[i], order[j]] = [order[j]!, order[i]!];
          }
          if (how === 'permute') return unparse(rows.map((row) => order.map((i) => row[i] ?? '')));
          if (how === 'header-only') return unparse([order.map((i) => rows[0]![i]!), ...rows.slice(1)]);
          const victim = r.int(0, width - 1);
          if (how === 'drop') return unparse(rows.map((row) => row.filter((_, i) => i !== victim)));
          return unparse([rows[0]!.map((h, i) => (i === (victim + 1) % width ? rows[0]![victim]! : h)), ...rows.slice(1)]);
        },
      };
    }
    case 'lines': {
      const how = rng.pick(['repeat', 'blank', 'crlf-some', 'cr-only', 'stray-quote', 'long-line', 'no-final-newline']);
      const r = Random.forItem(seed, rng.int(0, 1_000_000), 2);
      return {
        kind,
        label: `lines ${how}`,
        apply: (b) => {
          const lines = b.toString('utf8').split('\n');
          const at = () => r.int(1, Math.max(1, lines.length - 1));
          if (how === 'repeat') for (let k = 0; k < 5; k++) lines.splice(at(), 0, lines[at()] ?? '');
          if (how === 'blank') for (let k = 0; k < 3; k++) lines.splice(at(), 0, '');
          if (how === 'crlf-some') return Buffer.from(lines.map((l) => (r.chance(0.5) ? `${l}\r` : l)).join('\n'));
          if (how === 'cr-only') return Buffer.from(lines.join('\r'));
          if (how === 'stray-quote') {
            const i = at();
            const line = lines[i] ?? '';
            const pos = r.int(0, line.length);
            lines[i] = `${line.slice(0, pos)}"${line.slice(pos)}`;
          }
          if (how === 'long-line') lines.splice(at(), 0, `${'y'.repeat(200_000)},1,2`);
          const text = lines.join('\n');
          return Buffer.from(how === 'no-final-newline' ? text.replace(/\n+$/, '') : text);
        },
      };
    }
    case 'noise': {
      const cells = rng.int(1, 12);
      const r = Random.forItem(seed, rng.int(0, 1_000_000), 1);
      return {
        kind,
        label: `noise in ${cells} cells`,
        apply: (b) => {
          const rows = parse(b);
          for (let k = 0; k < cells && rows.length > 1; k++) {
            const row = rows[r.int(1, rows.length - 1)]!;
            if (row.length) row[r.int(0, row.length - 1)] = r.pick(noise);
          }
          return unparse(rows);
        },
      };
    }
  }
}

interface Input {
  source: (typeof samples)[number];
  mutations: Mutation[];
}
/** One load: usually one mutated export, sometimes two in the same transaction (all or nothing). */
interface Run {
  index: number;
  inputs: Input[];
}

const plan: Run[] = (() => {
  const rng = new Random(seed);
  const input = (): Input => ({ source: rng.pick(samples), mutations: Array.from({ length: rng.int(1, 3) }, () => mutation(rng)) });
  return Array.from({ length: runs }, (_, index) => ({ index, inputs: rng.chance(0.25) ? [input(), input()] : [input()] }));
})();

describe(`fuzzed sample exports (seed ${seed}, ${runs} runs)`, () => {
  let wh: Warehouse;
  beforeAll(async () => {
    // one warehouse for all runs: later runs merge into what earlier ones loaded
    wh = await Warehouse.open({ path: ':memory:' });
  });
  afterAll(() => wh.close());

  for (const run of plan) {
    const label = `#${run.index} ${run.inputs.map((i) => `${i.source.name}: ${i.mutations.map((m) => m.label).join(' + ')}`).join(' & ')}`;
    hostileCase(
      classOf[run.inputs[0]!.mutations[0]!.kind],
      `fuzz seed ${seed} ${label}`,
      async () => {
        const paths = run.inputs.map((i) =>
          writeInput(
            i.source.file,
            i.mutations.reduce<Buffer>((b, m) => m.apply(b), Buffer.from(i.source.text)),
            caseDir('fuzz-'),
          ),
        );
        const before = await warehouseContents(wh);
        const result = await attemptLoad(wh, paths, { snapshotAt: new Date('2026-11-01T00:00:00Z') });
        if (result instanceof UserError) {
          expect([1, 3], `${label}: ${result.message}`).toContain(result.exitCode);
          expect(
            paths.some((p) => result.message.includes(p)),
            `${label}: the error names its file: ${result.message}`,
          ).toBe(true);
          expect(await warehouseContents(wh), `${label}: a failed load changed the warehouse`).toEqual(before);
          return;
        }
        for (const file of result.files) {
          expect(file.read, `${label}: read = loaded + rejected + duplicates`).toBe(file.loaded + file.rejected + file.duplicates);
          if (file.loadId === undefined) continue;
          const listed = await wh.one<{ n: number }>(`select count(*)::int as n from rejected_rows where load_id = $id`, { id: file.loadId });
          expect(listed!.n, `${label}: one rejected_rows row per rejected row`).toBe(file.rejected);
        }
      },
      30_000,
    );
  }
});
