/**
 * A mapping file names, for an export the loader does not recognise, which of its columns hold
 * each canonical column: `{ "object": "leads", "columns": { "lead_id": "Customer No", ... } }`.
 * It turns the canonical spec for that object into one that reads those headers.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { usageError } from '../errors.js';
import { canonicalFormats } from './formats/canonical.js';
import type { FormatSpec, LogicalColumn } from './formats/types.js';

export const mappingSchema = z
  .object({
    $schema: z.string().optional(),
    object: z.enum(['leads', 'stage_events', 'activities', 'owners', 'engagement_events', 'field_history', 'opportunities']),
    /** canonical column → the header in your file */
    columns: z.record(z.string(), z.string()),
  })
  .strict();

export function mappingSpec(mapping: z.infer<typeof mappingSchema>, source = 'mapping'): FormatSpec {
  const base = canonicalFormats.find((f) => f.object === mapping.object)!;
  const known = { ...base.required, ...base.optional };
  for (const name of Object.keys(mapping.columns)) {
    if (!(name in known)) {
      throw usageError(`${source}: "${name}" is not a column of ${mapping.object} (columns: ${Object.keys(known).join(', ')})`);
    }
  }
  const remap = (columns: Record<string, LogicalColumn> | undefined) =>
    Object.fromEntries(
      Object.entries(columns ?? {}).map(([name, column]) => [name, { ...column, headers: mapping.columns[name] ? [mapping.columns[name]] : column.headers }]),
    );
  return {
    ...base,
    crm: 'canonical',
    variant: `mapping_${mapping.object}`,
    description: `${base.description}, columns named by ${source}`,
    required: remap(base.required),
    optional: remap(base.optional),
    excludes: [],
  };
}

export function loadMapping(path: string): FormatSpec {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw usageError(`${path}: cannot read mapping: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(raw);
  if (!parsed.success) {
    throw usageError(`${path}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  }
  return mappingSpec(parsed.data, path);
}
