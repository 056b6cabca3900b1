/** `--max-reject-rate` of load and build: 0.05, or 5% — a share of the rows read. */
import { usageError } from '../errors.js';

export function parseRate(value: string | number | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === '' || !Number.isFinite(n) || n < 0 || n > 1) throw usageError(`${option} must be a share from 0 to 1 (0.05) or a percent (5%), not "${value}"`);
  return n;
}
