/**
 * A slow, independent reference for business time: a grid of whole minutes, each marked working or
 * not by reading its local wall clock with Intl (not DuckDB's ICU, not the interval table).
 * Holidays are given as literal dates, not taken from date-holidays.
 */
const MINUTE_MS = 60_000;
const weekdayIndex: Record<string, string> = { Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat', Sun: 'sun' };

export interface ReferenceCalendar {
  timezone: string;
  hours: Record<string, [string, string][]>;
  holidays: string[];
}

export class MinuteGrid {
  readonly working: Uint8Array;

  constructor(
    readonly calendar: ReferenceCalendar,
    readonly startMs: number,
    minutes: number,
  ) {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: calendar.timezone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const toMinute = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
    this.working = new Uint8Array(minutes);
    for (let m = 0; m < minutes; m++) {
      const parts = Object.fromEntries(format.formatToParts(new Date(startMs + m * MINUTE_MS)).map((p) => [p.type, p.value]));
      const date = `${parts.year}-${parts.month}-${parts.day}`;
      if (calendar.holidays.includes(date)) continue;
      const local = Number(parts.hour) * 60 + Number(parts.minute);
      const intervals = calendar.hours[weekdayIndex[parts.weekday!]!] ?? [];
      if (intervals.some(([open, close]) => toMinute(open) <= local && local < toMinute(close))) this.working[m] = 1;
    }
  }

  private index(ms: number): number {
    return Math.round((ms - this.startMs) / MINUTE_MS);
  }

  /** Working minutes in [start, end), one by one. */
  businessMinutes(startMs: number, endMs: number): number {
    let count = 0;
    for (let m = this.index(startMs); m < this.index(endMs); m++) count += this.working[m]!;
    return count;
  }

  /** First working minute at or after start. */
  clockStart(startMs: number): number {
    let m = this.index(startMs);
    while (!this.working[m]) {
      if (++m >= this.working.length) throw new Error('reference grid too short for this clock start');
    }
    return this.startMs + m * MINUTE_MS;
  }

  /** The end of the minute in which the count of working minutes from start reaches target (> 0). */
  deadline(startMs: number, target: number): number {
    let m = this.index(startMs);
    let count = 0;
    for (; count < target; m++) {
      if (m >= this.working.length) throw new Error('reference grid too short for this deadline');
      count += this.working[m]!;
    }
    return this.startMs + m * MINUTE_MS;
  }
}

/** mulberry32: a small seeded generator, so a failure replays. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
