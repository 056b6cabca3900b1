/**
 * Which zone a file's naive timestamps were read in, and where that zone came from: the file's
 * own header (`Create Date (America/New_York)`), `--timezone`, the config's "timezone", or the
 * default UTC, which is an assumption the load and every report must say out loud.
 */
import type { Config } from '../config/config.js';
import type { NaiveCount } from './naiveCounts.js';

export type ZoneSource = 'config' | 'option' | 'file' | 'default';

export interface FileZone {
  zone: string;
  naiveValues: number;
  columns: string[];
  source: ZoneSource;
}

/** The load's zone for naive values: --timezone, else the config's, else UTC by default. */
export function loadZone(config: Config, option?: string): { zone: string; source: ZoneSource } {
  if (option) return { zone: option, source: 'option' };
  return { zone: config.timezone, source: config.timezoneConfigured ? 'config' : 'default' };
}

/**
 * A file's zone summary, undefined when no value was naive. Columns whose header names a zone were
 * read in it: when every naive column does, the file's source is `file`; otherwise the
 * summary is about the columns read in the load's zone, the ones an assumption can touch.
 */
export function fileZone(naive: NaiveCount[], load: { zone: string; source: ZoneSource }): FileZone | undefined {
  if (naive.length === 0) return undefined;
  const summary = (counts: NaiveCount[], zone: string, source: ZoneSource): FileZone => ({
    zone,
    naiveValues: counts.reduce((sum, n) => sum + n.values, 0),
    columns: counts.map((n) => n.header),
    source,
  });
  const unstated = naive.filter((n) => !n.zone);
  if (unstated.length === 0) return summary(naive, [...new Set(naive.map((n) => n.zone))].join(', '), 'file');
  return summary(unstated, load.zone, load.source);
}

/** The sentence the load and every report header show when naive values were read in an assumed zone. */
export function zoneAssumptionNote(zone: string, values: number, files: number): string {
  const count = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;
  return (
    `Naive timestamps read as ${zone} (no zone configured): ${count(values, 'value')} in ${count(files, 'file')} — ` +
    `set "timezone" in revops.config.json or --timezone`
  );
}

/** The note for a load's files, or undefined when no zone was assumed. */
export function loadZoneNote(zones: (FileZone | undefined)[]): string | undefined {
  const assumed = zones.filter((z): z is FileZone => z?.source === 'default');
  if (assumed.length === 0) return undefined;
  return zoneAssumptionNote(
    assumed[0]!.zone,
    assumed.reduce((sum, z) => sum + z.naiveValues, 0),
    assumed.length,
  );
}
