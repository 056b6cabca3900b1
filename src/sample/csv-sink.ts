/**
 * One CSV file of the sample: each row is built as a string, encoded into a reused 1 MB buffer and
 * written synchronously when the buffer fills (no per-row awaits, no unbounded stream buffering,
 * little garbage at benchmark sizes). A sink with `faults` also writes the defects real exports
 * carry, so the loader's duplicate and reject paths have work to do: a few exact duplicate rows,
 * one row with its id blanked, one with a bad date.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface SinkFaults {
  /** Column blanked in the missing-id row. */
  idColumn: number;
  /** Column overwritten in the bad-date row, and the unparseable text put there. */
  dateColumn: number;
  badDate: string;
}

export interface SinkCounts {
  rows: number;
  duplicates: number;
  malformed: number;
}

const BUFFER_BYTES = 1 << 20;
/** Longest row we expect, in bytes; a longer one is written on its own. */
const ROW_ROOM = 16 << 10;
// Data-row numbers after which a defect is added; fixed so small and huge files both get a few.
const DUPLICATE_AFTER = new Set([3, 17, 101]);
const MISSING_ID_AFTER = 9;
const BAD_DATE_AFTER = 61;

export class CsvSink {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private written = 0;
  readonly counts: SinkCounts = { rows: 0, duplicates: 0, malformed: 0 };

  constructor(
    readonly path: string,
    header: readonly string[],
    private readonly quoteAll = false,
    private readonly faults?: SinkFaults,
  ) {
    this.fd = openSync(path, 'w');
    this.append(this.line(header));
  }

  row(fields: string[]): void {
    const text = this.line(fields);
    this.append(text);
    this.counts.rows++;
    this.written++;
    if (this.faults) this.injectFaults(fields, text);
  }

  close(): SinkCounts {
    this.flush();
    closeSync(this.fd);
    return this.counts;
  }

  private injectFaults(fields: string[], text: string): void {
    const faults = this.faults as SinkFaults;
    const n = this.written;
    if (DUPLICATE_AFTER.has(n)) this.extra(text, 'duplicates');
    if (n === MISSING_ID_AFTER) {
      const broken = fields.slice();
      broken[faults.idColumn] = '';
      this.extra(this.line(broken), 'malformed');
    }
    if (n === BAD_DATE_AFTER) {
      const broken = fields.slice();
      broken[faults.dateColumn] = faults.badDate;
      this.extra(this.line(broken), 'malformed');
    }
  }

  private extra(text: string, kind: 'duplicates' | 'malformed'): void {
    this.append(text);
    this.counts.rows++;
    this.counts[kind]++;
  }

  private append(text: string): void {
    if (this.used > BUFFER_BYTES - ROW_ROOM) this.flush();
    if (text.length * 3 > ROW_ROOM) {
      this.flush();
      writeSync(this.fd, text);
      return;
    }
    this.used += this.buffer.write(text, this.used);
  }

  private flush(): void {
    if (this.used > 0) writeSync(this.fd, this.buffer, 0, this.used);
    this.used = 0;
  }

  private line(fields: readonly string[]): string {
    let out = '';
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) out += ',';
      out += this.cell(fields[i] as string);
    }
    return `${out}\n`;
  }

  private cell(value: string): string {
    // RFC 4180: quote when needed (or always, for Salesforce Data Export), double inner quotes
    if (this.quoteAll || needsQuotes(value)) return `"${value.replace(/"/g, '""')}"`;
    return value;
  }
}

function needsQuotes(value: string): boolean {
  return value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
}
