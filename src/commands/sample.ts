/**
 * `revops-report sample`: writes a deterministic simulated world as CRM exports (HubSpot UI
 * exports, a Salesforce Data Export, our canonical CSVs) for demos, tests and the benchmark.
 * Same seed and options → byte-identical files. Leads are simulated and written one at a time,
 * so memory stays flat at benchmark sizes.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from '../errors.js';
import { CanonicalWriter } from '../sample/canonical-writer.js';
import { HubSpotWriter } from '../sample/hubspot-writer.js';
import type { FormatWriter, SampleFile } from '../sample/output.js';
import { SalesforceWriter } from '../sample/salesforce-writer.js';
import { plantedLeads } from '../sample/planted.js';
import { simulateLead } from '../sample/simulate.js';
import { SAMPLE_FORMATS, type SampleFormat, type WorldOptions } from '../sample/world.js';

export type { SampleFile } from '../sample/output.js';
export type { SampleFormat } from '../sample/world.js';

export interface SampleOptions {
  out: string;
  leads?: number;
  seed?: number;
  formats?: SampleFormat[];
  /** The world's "today"; nothing happens after it. */
  asOf?: string;
}

export interface SampleSummary {
  out: string;
  seed: number;
  leads: number;
  asOf: string;
  /** Every lead written, the planted ones included. */
  leadsBySystem: Record<SampleFormat, number>;
  /** Leads added after the simulated ones so each hygiene and routing section shows something (src/sample/planted.ts). */
  planted: number;
  files: SampleFile[];
}

export const SAMPLE_DEFAULTS = { leads: 500, seed: 42, asOf: '2026-11-01T00:00:00Z' } as const;

export async function sample(options: SampleOptions): Promise<SampleSummary> {
  const world = normalize(options);
  const out = resolve(options.out);
  mkdirSync(out, { recursive: true });
  const writers: FormatWriter[] = [];
  if (world.formats.includes('hubspot')) writers.push(new HubSpotWriter(out));
  if (world.formats.includes('salesforce')) writers.push(new SalesforceWriter(out));
  if (world.formats.includes('canonical')) writers.push(new CanonicalWriter(out, world.leads));

  const leadsBySystem: Record<SampleFormat, number> = { hubspot: 0, salesforce: 0, canonical: 0 };
  for (let i = 0; i < world.leads; i++) {
    const lead = simulateLead(world, i);
    leadsBySystem[lead.system]++;
    for (const writer of writers) writer.write(lead);
  }
  const planted = plantedLeads(world);
  for (const lead of planted) {
    leadsBySystem[lead.system]++;
    for (const writer of writers) writer.write(lead);
  }
  const files = writers.flatMap((w) => w.close());
  return { out, seed: world.seed, leads: world.leads, asOf: new Date(world.asOf).toISOString(), leadsBySystem, planted: planted.length, files };
}

function normalize(options: SampleOptions): WorldOptions {
  const leads = options.leads ?? SAMPLE_DEFAULTS.leads;
  if (!Number.isInteger(leads) || leads < 1) throw usageError(`--leads must be a positive whole number, got ${options.leads}`);
  const seed = options.seed ?? SAMPLE_DEFAULTS.seed;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw usageError(`--seed must be a whole number from 0 to 4294967295, got ${options.seed}`);
  const asOf = Date.parse(options.asOf ?? SAMPLE_DEFAULTS.asOf);
  if (Number.isNaN(asOf)) throw usageError(`--as-of is not a date: ${options.asOf}`);
  const requested = options.formats ?? [...SAMPLE_FORMATS];
  const unknown = requested.filter((f) => !SAMPLE_FORMATS.includes(f));
  if (unknown.length > 0) throw usageError(`unknown sample format ${unknown.join(', ')} (use ${SAMPLE_FORMATS.join(', ')})`);
  if (requested.length === 0) throw usageError('choose at least one sample format');
  // fixed order, so the same set of formats in any order gives the same world
  const formats = SAMPLE_FORMATS.filter((f) => requested.includes(f));
  return { seed, leads, asOf, formats };
}
