/** What a build may publish on the share: no server paths, no header values quoted from a file. */
import { describe, expect, it } from 'vitest';
import { shareSafe } from '../../src/build/shareText.js';

const places = [
  { path: '/srv/revops/inbox', label: 'inbox' },
  { path: '/mnt/reports/revops', label: '.' },
];

describe('shareSafe', () => {
  it('names inbox files relative to the inbox and other absolute paths by their last part', () => {
    expect(shareSafe('/srv/revops/inbox/hubspot/contacts.csv: cannot be read as CSV: IO Error: "/tmp/revops-load-Ab12/utf8.csv" vanished', places)).toBe(
      'inbox/hubspot/contacts.csv: cannot be read as CSV: IO Error: "utf8.csv" vanished',
    );
    expect(shareSafe('Could not set lock on file /srv/revops/revops.duckdb (held by another process)', places)).toBe(
      'Could not set lock on file revops.duckdb (held by another process)',
    );
  });

  it('keeps the reason and the columns a format needs, not the columns the file has', () => {
    const message =
      '/srv/revops/inbox/x.csv: no known export format matches this header; columns found: "root:x:0:0:root:/root:/bin/bash"; ' +
      'closest: canonical_leads needs "lead_id", "created_at". Use --mapping FILE to name the columns (docs/formats.md).';
    expect(shareSafe(message, places)).toBe(
      'inbox/x.csv: no known export format matches this header; columns found: (see the build log); ' +
        'closest: canonical_leads needs "lead_id", "created_at". Use --mapping FILE to name the columns (docs/formats.md).',
    );
    expect(
      shareSafe(
        '/srv/revops/inbox/Lead.csv: looks like a salesforce leads export (salesforce_lead) but lacks column(s) "Id"; columns found: "a;b", "c"',
        places,
      ),
    ).toBe('inbox/Lead.csv: looks like a salesforce leads export (salesforce_lead) but lacks column(s) "Id"; columns found: (see the build log)');
  });

  it('leaves relative paths and ordinary text alone', () => {
    const text = 'max-reject-rate 5.00% exceeded: 7.14% (2 of 28 rows read this run). Run 2024-04-01-2 was written but not published; latest/ is unchanged.';
    expect(shareSafe(text, places)).toBe(text);
  });
});
