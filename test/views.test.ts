/** The load summary as a person reads it: each file's format, and the columns it left out. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FileSummary } from '../src/ingest/load.js';
import { printResult } from '../src/output.js';
import '../src/views.js';

const file = (over: Partial<FileSummary>): FileSummary => ({
  path: 'User.csv',
  detected: 'salesforce',
  object: 'owners',
  variant: 'salesforce_user',
  format: 'salesforce_user',
  read: 3,
  loaded: 3,
  rejected: 0,
  duplicates: 0,
  encoding: 'utf-8',
  nulsDropped: 0,
  checksum: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  columnsUsed: ['Id', 'TimeZoneSidKey'],
  columnsIgnored: [],
  ...over,
});

function printed(files: FileSummary[]): string {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  printResult({ files, unknownStageValues: [], warnings: [] }, 'table', 'load');
  return out;
}

describe('load table view', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names the format and lists the columns left out, the first 12 then a count', () => {
    const ignored = Array.from({ length: 15 }, (_, i) => `Col ${i + 1}`);
    const out = printed([file({ columnsIgnored: ignored }), file({ path: 'leads.csv', format: 'canonical_leads', object: 'leads' })]);
    expect(out).toContain('salesforce_user (owners)');
    expect(out).toContain(
      `User.csv: 2 of 17 columns read as salesforce_user; left out 15: ${ignored
        .slice(0, 12)
        .map((c) => `"${c}"`)
        .join(', ')} and 3 more`,
    );
    expect(out).toContain('leads.csv: 2 of 2 columns read as canonical_leads; none left out');
  });

  it('escapes control characters a header may carry', () => {
    const out = printed([file({ columnsIgnored: ['Evil\u001b[31m'] })]);
    expect(out).not.toContain('\u001b');
    expect(out).toContain('"Evil\\u001b[31m"');
  });
});
