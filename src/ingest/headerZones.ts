/**
 * A header that names the zone of its column's naive values: `Create Date (America/New_York)` or
 * `Created (UTC)`. Some exports and hand-built extracts say so; when one does, that column is read
 * in that zone whatever the load's zone, and the name is matched without the suffix. Only a suffix
 * that is a real IANA zone counts: `Amount (USD/EUR)` stays a header as written.
 */
const suffix = /\s*\(([A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*)\)\s*$/;

const isZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The IANA zone a header names in a trailing parenthesis, if any. */
export function headerZone(header: string): string | undefined {
  const match = suffix.exec(header);
  if (!match) return undefined;
  const zone = match[1]!;
  // a plain word in parentheses is a label ("(Lifecycle Stage Pipeline)", "(EUR)"), not a zone
  return (zone.includes('/') || /^(UTC|GMT)$/i.test(zone)) && isZone(zone) ? zone : undefined;
}

/** The header without a zone suffix, for matching it to a format's column names. */
export const withoutZone = (header: string) => (headerZone(header) ? header.replace(suffix, '') : header);
