/**
 * Hostile inputs: numbers and booleans written the way spreadsheets and CRMs in other locales write
 * them. The number format is decided over the whole column, never from the file's delimiter; a
 * value that stays ambiguous, and a true/false value the loader does not know, is rejected with a
 * reason instead of becoming a different number or NULL.
 */
import { describe, expect } from 'vitest';
import { load } from '../../src/commands/load.js';
import type { Warehouse } from '../../src/db/connection.js';
import { UserError } from '../../src/errors.js';
import { expectLoaded, expectLoadError, hostileCase, rejectReasons, writeInput } from './harness.js';

/** A canonical opportunities.csv with one amount per row, ids OPP-1, OPP-2, … */
function amounts(values: string[], delimiter = ','): string {
  const quote = (v: string) => (v.includes(delimiter) || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v);
  return `${[`opportunity_id${delimiter}amount`, ...values.map((v, i) => `OPP-${i + 1}${delimiter}${quote(v)}`)].join('\n')}\n`;
}

async function loadedAmounts(wh: Warehouse): Promise<Record<string, number | null>> {
  const rows = await wh.all<{ opportunity_id: string; amount: number | null }>(`select opportunity_id, amount from opportunities order by opportunity_id`);
  return Object.fromEntries(rows.map((r) => [r.opportunity_id, r.amount]));
}

describe('hostile: numbers', () => {
  hostileCase('delimiters and locales', 'a ;-separated file with decimal points keeps them', async () => {
    const path = writeInput('opportunities.csv', amounts(['39300.50', '1200', '0.75'], ';'));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]!.rejected).toBe(0);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 39300.5, 'OPP-2': 1200, 'OPP-3': 0.75 });
  });

  hostileCase('delimiters and locales', 'a ,-separated file with German amounts reads the decimal comma', async () => {
    const path = writeInput('opportunities.csv', amounts(['39.300,50', '1.200,00', '12,5', '1.234.567']));
    const { wh } = await expectLoaded([path]);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 39300.5, 'OPP-2': 1200, 'OPP-3': 12.5, 'OPP-4': 1234567 });
  });

  hostileCase('numbers and booleans', 'thousands separators: comma, apostrophe, space and no-break space with a decimal point', async () => {
    const path = writeInput('opportunities.csv', amounts(['1,234.56', "1'234.56", '1 234.56', '1\u00a0234.56', '12,345,678']));
    const { wh } = await expectLoaded([path]);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 1234.56, 'OPP-2': 1234.56, 'OPP-3': 1234.56, 'OPP-4': 1234.56, 'OPP-5': 12345678 });
  });

  hostileCase('delimiters and locales', 'thousands separators: space, narrow no-break space and dot with a decimal comma', async () => {
    const path = writeInput('opportunities.csv', amounts(['1 234,56', '1\u202f234,56', '1.234,56', '7,5'], ';'));
    const { wh } = await expectLoaded([path]);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 1234.56, 'OPP-2': 1234.56, 'OPP-3': 1234.56, 'OPP-4': 7.5 });
  });

  hostileCase('numbers and booleans', 'accounting negatives: (500), 500-, ($1,200.00) and -€75 are negative', async () => {
    const path = writeInput('opportunities.csv', amounts(['(500)', '500-', '($1,200.00)', '-€75', '+20']));
    const { wh } = await expectLoaded([path]);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': -500, 'OPP-2': -500, 'OPP-3': -1200, 'OPP-4': -75, 'OPP-5': 20 });
  });

  hostileCase('numbers and booleans', 'currency symbols and codes around the amount are dropped', async () => {
    const path = writeInput('opportunities.csv', amounts(['$48,000.00', 'USD 1,200', '£75.5', '48000 EUR', "CHF 1'250.00"]));
    const { wh } = await expectLoaded([path]);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 48000, 'OPP-2': 1200, 'OPP-3': 75.5, 'OPP-4': 48000, 'OPP-5': 1250 });
  });

  hostileCase('numbers and booleans', 'a column of only 1,234-like values is ambiguous: those rows are rejected, naming --decimal', async () => {
    const path = writeInput('opportunities.csv', amounts(['1,234', '2,500', '300']));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 1, rejected: 2 });
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-3': 300 });
    const reasons = await rejectReasons(wh);
    expect(reasons.map((r) => r.reason)).toEqual([
      'ambiguous number in "amount": 1,234 (a decimal or a thousands separator?); pass --decimal point or --decimal comma',
      'ambiguous number in "amount": 2,500 (a decimal or a thousands separator?); pass --decimal point or --decimal comma',
    ]);
    expect(reasons.map((r) => r.line)).toEqual([2, 3]);
  });

  hostileCase('delimiters and locales', 'a ;-separated column of only 1.234-like values is ambiguous too, not read as thousands', async () => {
    const path = writeInput('opportunities.csv', amounts(['1.234', '12.500'], ';'));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 2, loaded: 0, rejected: 2 });
    expect((await rejectReasons(wh))[0]!.reason).toBe(
      'ambiguous number in "amount": 1.234 (a decimal or a thousands separator?); pass --decimal point or --decimal comma',
    );
  });

  hostileCase('numbers and booleans', 'one decisive value decides the column: 0.5 makes 1.234 a decimal', async () => {
    const path = writeInput('opportunities.csv', amounts(['1.234', '0.5']));
    const { wh } = await expectLoaded([path]);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 1.234, 'OPP-2': 0.5 });
  });

  hostileCase('delimiters and locales', '--decimal comma reads 1.234 as 1234 and rejects 39300.50 with the reason', async () => {
    const path = writeInput('opportunities.csv', amounts(['1.234', '39300.50', '2,5'], ';'));
    const { wh, summary } = await expectLoaded([path], { decimal: 'comma' });
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 1234, 'OPP-3': 2.5 });
    expect((await rejectReasons(wh)).map((r) => r.reason)).toEqual(['not a number in "amount": 39300.50 (read with a decimal comma)']);
  });

  hostileCase('delimiters and locales', '--decimal point reads 1.234 as a decimal and 1,234 as thousands', async () => {
    const path = writeInput('opportunities.csv', amounts(['1.234', '1,234']));
    const { wh } = await expectLoaded([path], { decimal: 'point' });
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 1.234, 'OPP-2': 1234 });
  });

  hostileCase('delimiters and locales', '--decimal with another word is a usage error (exit 2) before anything is opened', async () => {
    const error = await load({ paths: [writeInput('opportunities.csv', amounts(['1']))], decimal: 'komma' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ message: '--decimal must be point or comma', exitCode: 2 });
  });

  hostileCase('numbers and booleans', 'a column mixing 1,234.56 and 39.300,50 is an error naming both and --decimal', async () => {
    const path = writeInput('opportunities.csv', amounts(['1,234.56', '39.300,50', '10']));
    await expectLoadError([path], [path, 'column "amount" mixes', '1,234.56', '39.300,50', '--decimal']);
  });

  hostileCase('numbers and booleans', '--decimal point settles a mixed column: the comma values are rejected with the reason', async () => {
    const path = writeInput('opportunities.csv', amounts(['1,234.56', '39.300,50', '10']));
    const { wh, summary } = await expectLoaded([path], { decimal: 'point' });
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 1234.56, 'OPP-3': 10 });
    expect((await rejectReasons(wh)).map((r) => r.reason)).toEqual(['not a number in "amount": 39.300,50 (read with a decimal point)']);
  });

  hostileCase('numbers and booleans', 'Excel scientific notation (1.5E+07) and a leading decimal point (.5) are numbers', async () => {
    const path = writeInput('opportunities.csv', amounts(['1.5E+07', '.5', '2e3']));
    const { wh } = await expectLoaded([path]);
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-1': 15_000_000, 'OPP-2': 0.5, 'OPP-3': 2000 });
  });

  hostileCase('numbers and booleans', 'nan, Infinity, 1_000, an unbalanced (500 and two signs are not numbers', async () => {
    const path = writeInput('opportunities.csv', amounts(['nan', 'Infinity', '1_000', '(500', '-(5)', '42']));
    const { wh, summary } = await expectLoaded([path]);
    expect(summary.files[0]).toMatchObject({ read: 6, loaded: 1, rejected: 5 });
    expect(await loadedAmounts(wh)).toEqual({ 'OPP-6': 42 });
    expect((await rejectReasons(wh)).map((r) => r.reason)).toEqual(['nan', 'Infinity', '1_000', '(500', '-(5)'].map((v) => `not a number in "amount": ${v}`));
  });
});

describe('hostile: a German Excel export', () => {
  hostileCase('delimiters and locales', 'sep=;, dotted dates, decimal-comma amounts and WAHR/FALSCH in one file', async () => {
    const csv = `${[
      'sep=;',
      'opportunity_id;name;amount;close_date;is_won',
      'OPP-1;Brandt Metallbau;1.234,56;31.12.2024;WAHR',
      'OPP-2;"Meyer; Partner";48.000,00;15.01.2025;FALSCH',
      'OPP-3;Weiß & Söhne;(250,00);02.02.2025;',
    ].join('\r\n')}\r\n`;
    const { wh, summary } = await expectLoaded([writeInput('opportunities.csv', csv)]);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 3, rejected: 0 });
    const rows = await wh.all(`select opportunity_id, amount, strftime(close_date, '%Y-%m-%d') as close_date, is_won from opportunities order by 1`);
    expect(rows).toEqual([
      { opportunity_id: 'OPP-1', amount: 1234.56, close_date: '2024-12-31', is_won: true },
      { opportunity_id: 'OPP-2', amount: 48000, close_date: '2025-01-15', is_won: false },
      { opportunity_id: 'OPP-3', amount: -250, close_date: '2025-02-02', is_won: null },
    ]);
  });
});

describe('hostile: booleans', () => {
  const wonValues = (values: string[]) => `${['opportunity_id,is_won', ...values.map((v, i) => `OPP-${String(i + 1).padStart(2, '0')},${v}`)].join('\n')}\n`;

  hostileCase('numbers and booleans', 'localised booleans: WAHR/FALSCH, VRAI/FAUX, SÍ/NO, JA/NEE, 1/0, yes/no', async () => {
    const values = ['WAHR', 'FALSCH', 'VRAI', 'FAUX', 'SÍ', 'NO', 'JA', 'NEE', '1', '0', 'yes', 'no', 'Sì', 'Nein', 'oui', 'non'];
    const { wh, summary } = await expectLoaded([writeInput('opportunities.csv', wonValues(values))]);
    expect(summary.files[0]!.rejected).toBe(0);
    const rows = await wh.all<{ is_won: boolean }>(`select is_won from opportunities order by opportunity_id`);
    expect(rows.map((r) => r.is_won)).toEqual(values.map((_, i) => i % 2 === 0));
  });

  hostileCase('numbers and booleans', 'a true/false value the loader does not know is rejected, not NULL', async () => {
    const { wh, summary } = await expectLoaded([writeInput('opportunities.csv', wonValues(['true', 'maybe', 'ausstehend']))]);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 1, rejected: 2 });
    expect((await rejectReasons(wh)).map((r) => r.reason)).toEqual([
      'not a true/false value in "is_won": maybe',
      'not a true/false value in "is_won": ausstehend',
    ]);
  });

  hostileCase('numbers and booleans', 'a German Salesforce export: IsDeleted=WAHR is not loaded, IsWon=WAHR is won', async () => {
    const csv = `${[
      'Id,Name,StageName,CloseDate,Amount,IsClosed,IsWon,IsDeleted',
      '0068d00000Op001,Won deal,Closed Won,2024-03-29,48000,WAHR,WAHR,FALSCH',
      '0068d00000Op002,Open deal,Prospecting,2024-05-31,9500,FALSCH,FALSCH,FALSCH',
      '0068d00000Op003,Deleted deal,Closed Won,2024-04-02,1200,WAHR,WAHR,WAHR',
    ].join('\n')}\n`;
    const { wh, summary } = await expectLoaded([writeInput('Opportunity.csv', csv)]);
    expect(summary.files[0]).toMatchObject({ read: 3, loaded: 2, rejected: 1 });
    const rows = await wh.all<{ name: string; is_won: boolean; is_closed: boolean }>(`select name, is_won, is_closed from opportunities order by name`);
    expect(rows).toEqual([
      { name: 'Open deal', is_won: false, is_closed: false },
      { name: 'Won deal', is_won: true, is_closed: true },
    ]);
    expect((await rejectReasons(wh)).map((r) => r.reason)).toEqual(['deleted in Salesforce (IsDeleted)']);
  });

  hostileCase('numbers and booleans', 'an unknown IsDeleted value rejects the row rather than loading a maybe-deleted lead', async () => {
    const csv = `${['Id,Name,StageName,CloseDate,IsDeleted', '0068d00000Op001,Deal,Prospecting,2024-03-29,gelöscht'].join('\n')}\n`;
    const { wh, summary } = await expectLoaded([writeInput('Opportunity.csv', csv)]);
    expect(summary.files[0]).toMatchObject({ read: 1, loaded: 0, rejected: 1 });
    expect((await rejectReasons(wh))[0]!.reason).toBe('not a true/false value in "IsDeleted": gelöscht');
  });
});
