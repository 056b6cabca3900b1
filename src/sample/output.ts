/**
 * What every format writer looks like to the generator, and the summary line per file written.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { CsvSink, type SinkFaults } from './csv-sink.js';
import type { SampleFormat, SimLead } from './world.js';

export interface SampleFile {
  /** Relative to the output folder, with forward slashes: `hubspot/contacts.csv`. */
  path: string;
  format: SampleFormat;
  /** Data records written (header excluded), the injected duplicates and malformed rows included. */
  rows: number;
  duplicates: number;
  malformed: number;
}

export interface FormatWriter {
  write(lead: SimLead): void;
  close(): SampleFile[];
}

/** Opens the CSV files of one format under `out/<format>/` and closes them into summary lines. */
export class FormatFiles {
  private readonly sinks: CsvSink[] = [];
  private readonly dir: string;

  constructor(
    private readonly out: string,
    private readonly format: SampleFormat,
    private readonly quoteAll = false,
  ) {
    this.dir = join(out, format);
    mkdirSync(this.dir, { recursive: true });
  }

  open(name: string, header: readonly string[], faults?: SinkFaults): CsvSink {
    const sink = new CsvSink(join(this.dir, name), header, this.quoteAll, faults);
    this.sinks.push(sink);
    return sink;
  }

  close(): SampleFile[] {
    return this.sinks.map((sink) => {
      const counts = sink.close();
      return { path: relative(this.out, sink.path).split(sep).join('/'), format: this.format, ...counts };
    });
  }
}
