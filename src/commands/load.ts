/** `revops-report load`: load exports into the warehouse and report what happened to every row. */
import { loadConfig } from '../config/config.js';
import { isValidTimeZone } from '../config/config.js';
import { usageError } from '../errors.js';
import { loadFiles, type LoadSummary } from '../ingest/load.js';
import { loadMapping } from '../ingest/mapping.js';
import { formatByName } from '../ingest/formats/index.js';
import type { Crm } from '../ingest/formats/types.js';
import type { DecimalMark } from '../ingest/numbers.js';
import type { DateOrder } from '../ingest/timestamps.js';
import { parseRate } from './rate.js';
import { withLoadTarget } from './warehouse.js';
import { setInterruptNote } from '../interrupt.js';
import { bringModelsUpToDate, loadCommittedNote } from './loadModels.js';
import { fileLoadedFields, fileLoadedMessage } from './loadProgress.js';
import { progress } from '../progress.js';

export interface LoadCommandOptions {
  paths: string[];
  db?: string;
  config?: string;
  crm?: string;
  timezone?: string;
  mapping?: string;
  /** a known format's name (as the load summary shows it) for every file, instead of detection */
  inputFormat?: string;
  dateOrder?: string;
  decimal?: string;
  snapshotAt?: string;
  /** a file with more of its rows rejected fails the load, exit 3: 0.05 or 5% (default 50%) */
  maxRejectRate?: string | number;
  skipUnknown?: boolean;
}

const crms = ['auto', 'hubspot', 'salesforce', 'fivetran', 'canonical'];

export async function load(options: LoadCommandOptions): Promise<LoadSummary> {
  const config = loadConfig(options.config);
  const crm = (options.crm ?? 'auto') as Crm | 'auto';
  if (!crms.includes(crm)) throw usageError(`--crm must be one of ${crms.join(', ')}`);
  if (options.timezone && !isValidTimeZone(options.timezone)) throw usageError(`--timezone ${options.timezone} is not an IANA time zone`);
  if (options.dateOrder && !['mdy', 'dmy'].includes(options.dateOrder)) throw usageError('--date-order must be mdy or dmy');
  if (options.decimal && !['point', 'comma'].includes(options.decimal)) throw usageError('--decimal must be point or comma');
  let snapshotAt: Date | undefined;
  if (options.snapshotAt) {
    snapshotAt = new Date(options.snapshotAt);
    if (Number.isNaN(snapshotAt.getTime())) throw usageError(`--snapshot-at ${options.snapshotAt} is not a date`);
  }
  const maxRejectRate = parseRate(options.maxRejectRate, '--max-reject-rate');
  const mapping = options.mapping ? loadMapping(options.mapping) : undefined;
  if (mapping && options.inputFormat) throw usageError('--input-format and --mapping both say how to read the files: give one');
  const inputFormat = options.inputFormat ? formatByName(options.inputFormat) : undefined;
  return withLoadTarget(
    options.db,
    (wh) =>
      loadFiles(wh, config, {
        paths: options.paths,
        crm,
        timezone: options.timezone,
        dateOrder: options.dateOrder as DateOrder | undefined,
        decimal: options.decimal as DecimalMark | undefined,
        snapshotAt,
        mapping,
        inputFormat,
        maxRejectRate,
        skipUnknown: options.skipUnknown,
        onFile: (path, i, n) => progress().step('load-file', `[${i + 1}/${n}] ${path}`, { file: path, fileIndex: i + 1, files: n }),
        onFileDone: (file, i, n) => progress().event('file-loaded', fileLoadedMessage(file, i, n), fileLoadedFields(file, i, n)),
        onCommitted: () => setInterruptNote(loadCommittedNote),
      }),
    // the models are built where the reports read them: on a postgres:// warehouse, the schema
    async (target, summary) => ({ ...summary, ...(await bringModelsUpToDate(target, config, summary.warnings)) }),
  );
}
