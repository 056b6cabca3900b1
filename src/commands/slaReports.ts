/**
 * The speed-to-lead and SLA reports of the same options from one build of sla_outcomes per
 * period: what the overview shows of both. Built apart, each report builds the outcomes of its
 * window and of the window before, four builds in all; at 10M leads each is a minute or more.
 * The reports equal those of `speedToLeadOn` and `slaOn` (test/metrics/overview.test.ts): the
 * speed-to-lead queries read their SLA's rows of sla_outcomes only, and the SLA report judges
 * against deadlines, never reading the touches' business minutes.
 */
import type { Config } from '../config/config.js';
import type { Warehouse } from '../db/connection.js';
import { previousWindow } from '../metrics/previousPeriod.js';
import { resolveWindow } from '../metrics/window.js';
import { buildModels } from '../models/build.js';
import { computeSlaReport } from '../sla/compliance.js';
import { resolveSlas } from '../sla/definitions.js';
import { buildSlaOutcomes, ownerZoneWarnings } from '../sla/outcomes.js';
import { computeSpeedToLead, touchSla } from '../sla/speedToLead.js';
import type { SlaReport, SpeedToLeadReport } from '../sla/types.js';
import { timed } from '../timing.js';
import type { ReportCommandOptions } from './options.js';
import { slaPreviousOf } from './sla.js';
import { speedToLeadPreviousOf } from './speedToLead.js';

export async function speedToLeadAndSlaOn(
  wh: Warehouse,
  config: Config,
  options: Pick<ReportCommandOptions, 'since' | 'from' | 'to' | 'asOf'>,
): Promise<{ speedToLead: SpeedToLeadReport; sla: SlaReport }> {
  const window = resolveWindow(options);
  const slas = resolveSlas(config);
  const touch = touchSla(slas, undefined);
  await timed('models', buildModels(wh, config));
  // every SLA with the touches' business minutes, which speed-to-lead reads
  const before = previousWindow(window);
  await timed('previous period', buildSlaOutcomes(wh, config, { window: before, slas }));
  const speedBefore = await speedToLeadPreviousOf(wh, config, before, touch, undefined);
  const slaBefore = await slaPreviousOf(wh, before, slas);
  const built = await timed('outcomes', buildSlaOutcomes(wh, config, { window, slas }));
  const speedToLead = await timed('speed-to-lead', computeSpeedToLead(wh, config, { window, sla: touch }));
  const sla = await timed('sla', computeSlaReport(wh, { window, slas }));
  speedToLead.warnings.push(...ownerZoneWarnings(built));
  sla.warnings.push(...ownerZoneWarnings(built));
  return { speedToLead: { ...speedToLead, previous: speedBefore }, sla: { ...sla, previous: slaBefore } };
}
