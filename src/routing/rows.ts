/** What the routing queries share: the list cap and the ISO text of a timestamp cell. */
/** Lists in the JSON stop here; counts always cover everything. */
export const listLimit = 1000;

export const iso = (value: unknown): string | null =>
  value instanceof Date ? value.toISOString() : value === null || value === undefined ? null : String(value);
