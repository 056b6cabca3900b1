/**
 * What chart builders accept as data, checked once: small aggregated tables of JSON values.
 * Specs embed their data inline, so a chart fed raw lead rows would bloat the report and leak
 * record-level data into a file meant for sharing; we refuse instead of rendering it.
 */

export const vegaLiteSchema = 'https://vega.github.io/schema/vega-lite/v6.json';

/** More points than any aggregate we chart (7×24 heatmap, two years of weeks × a few series). */
export const maxChartRows = 1000;

export type ChartValue = string | number | boolean | null;
export type ChartRow = Record<string, ChartValue>;

function chartValue(value: unknown, where: string): ChartValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  // DuckDB returns BIGINT as bigint, which JSON cannot hold; counts fit a double exactly.
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  throw new Error(`chart data ${where} is not a plain value (${typeof value})`);
}

/**
 * Copy rows into chart data, keeping only the named fields (so nothing else from a row reaches
 * the page) and normalising values to JSON.
 */
export function chartValues<Row extends object>(chart: string, rows: readonly Row[], fields: readonly (string | undefined)[]): ChartRow[] {
  if (rows.length > maxChartRows) {
    throw new Error(`${chart}: ${rows.length} rows is not an aggregate (limit ${maxChartRows}); aggregate before charting`);
  }
  const keys = fields.filter((f): f is string => f !== undefined);
  return rows.map((row, i) => {
    const out: ChartRow = {};
    for (const key of keys) out[key] = chartValue((row as Record<string, unknown>)[key], `${chart} row ${i} field ${key}`);
    return out;
  });
}

/** Field names of Row, for builder options: a typo fails to compile instead of drawing nothing. */
export type FieldOf<Row> = Extract<keyof Row, string>;
