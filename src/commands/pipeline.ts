/**
 * `revops-report pipeline`: where deals die, stall and slip — stage conversion, time in stage, win
 * rate, cycle, velocity, open pipeline, stale deals, close-date pushes, the waterfall and coverage.
 * Returns the JSON contract of docs/pipeline.md.
 */
import { resolve } from 'node:path';
import { type Config, loadConfig } from '../config/config.js';
import { fieldKey, noChangeStageIds } from '../config/dealStages.js';
import type { Warehouse } from '../db/connection.js';
import { dataError } from '../errors.js';
import { resolveWindow, subtractPeriod } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { computePipeline } from '../pipeline/compute.js';
import type { PipelineReport } from '../pipeline/types.js';
import { timed } from '../timing.js';
import type { ReportCommandOptions } from './options.js';
import { withExistingWarehouse } from './warehouse.js';

export interface PipelineCommandOptions extends ReportCommandOptions {
  /** source (default), owner, team, segment, product, pipeline or any opportunity or lead field */
  by?: string;
  /** keep one pipeline apart */
  pipeline?: string;
  /** quota CSV (period, owner or team, amount) for coverage */
  quota?: string;
  /** velocity's and the stale thresholds' trailing window of closes (default 12m) */
  trailing?: string;
}

const DAY = 86_400_000;

/** The report on an open warehouse: what the command and the nightly build both run. */
export async function pipelineOn(wh: Warehouse, config: Config, options: PipelineCommandOptions): Promise<PipelineReport> {
  const window = resolveWindow(options);
  // --to names the period's last close date even when the as-of cuts the window short
  const closePeriod = { from: window.from, to: options.to ? new Date(Date.parse(`${options.to}T00:00:00Z`) + DAY) : window.to };
  const trailingFrom = subtractPeriod(window.asOf, options.trailing ?? '12m', '--trailing');
  await timed('models', buildModels(wh, config));
  return timed(
    'report',
    computePipeline(wh, {
      window,
      closePeriod,
      trailingFrom,
      // fields are kept in snake_case at load: "Deal Type" and deal_type are the same field
      by: (options.by ?? 'source')
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, '_'),
      pipeline: options.pipeline,
      quotaPath: options.quota ? resolve(options.quota) : undefined,
      noChange: { stages: noChangeStageIds(config.dealStages), days: config.dealStages.noChangeDays },
      snoozeFields: config.dealStages.snoozeFields.map(fieldKey),
    }),
  );
}

export async function pipeline(options: PipelineCommandOptions = {}): Promise<PipelineReport> {
  const config = loadConfig(options.config);
  return withExistingWarehouse(
    options.db,
    async (wh) => {
      const { n } = (await wh.one<{ n: number }>(`select cast(count(*) as integer) as n from opportunities`))!;
      if (n === 0) throw dataError('the warehouse has no deals yet: load an opportunities or deals export first (`revops-report load <exports>`).');
      return pipelineOn(wh, config, options);
    },
    { needLeads: false },
  );
}
