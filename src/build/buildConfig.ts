/**
 * The `build` section of revops.config.json: what the nightly build makes and when it refuses to
 * publish. Every key has a command-line flag that overrides it (docs/scheduling.md).
 */
import { z } from 'zod';

const duration = z.string().regex(/^\d+\s*[dwmy]$/i, 'a duration like 2d, 1w, 6m (months) or 1y');

export const buildConfigSchema = z
  .object({
    /** Report names to build (default: every report the tool has). */
    reports: z.array(z.string()).min(1).optional(),
    /** The reports' window: entries in this period up to the as-of. */
    since: duration.default('1y'),
    /** Keep the newest N dated runs; older ones are removed (default: keep all). */
    keep: z.number().int().positive().optional(),
    /** Exit 3 when more than this share of the rows read from new files was rejected (0–1). */
    maxRejectRate: z.number().min(0).max(1).optional(),
    /** Exit 3 when the newest record is older than this at the as-of, e.g. 2d. */
    maxStaleness: duration.optional(),
    /** Inbox files modified in the last N seconds (or still growing) wait for a later run; 0 loads them at once. */
    settleSeconds: z.number().int().min(0).default(60),
    /** Data files written next to each run's reports. */
    export: z.array(z.enum(['csv', 'parquet', 'arrow'])).default([]),
  })
  .strict();

export type BuildConfig = z.output<typeof buildConfigSchema>;
