/**
 * Counting naive timestamps (values that named no zone and were read in the load's zone) per
 * column, in the scan that already checks `typed_rows`: each row carries one bit per timestamp
 * column in `__naive_m<k>` (BIGINT, 60 columns each), and the check query counts the set bits.
 * A second scan over a big file only to count them would cost as much as the check itself.
 */
export interface NaiveColumn {
  column: string; // logical name in `typed`
  header: string;
  /** SQL: the cleaned value named no zone */
  flag: string;
  /** the zone the header names, when it names one */
  zone?: string;
}

export interface NaiveCount {
  header: string;
  values: number;
  zone?: string;
}

const perMask = 60;
const mask = (j: number) => `__naive_m${Math.floor(j / perMask)}`;
const bit = (j: number) => 1n << BigInt(j % perMask);

/** The mask columns of the outer select of `typed_rows` (with a leading comma), or ''. */
export function naiveColumnsSql(naive: NaiveColumn[]): string {
  const masks: string[] = [];
  for (let start = 0; start < naive.length; start += perMask) {
    const bits = naive
      .slice(start, start + perMask)
      .map((n, i) => `case when ${n.flag} and ${n.column} is not null then ${bit(start + i)}::bigint else 0::bigint end`);
    masks.push(`,\n      (${bits.join(' + ')}) as ${mask(start)}`);
  }
  return masks.join('');
}

/** One aggregate: naive values per column among the rows not rejected, as an INTEGER list. */
export function naiveCountsSql(naive: NaiveColumn[]): string {
  const counts = naive.map((_, j) => `count(*) filter (where __reject is null and (${mask(j)} & ${bit(j)}) <> 0)`);
  return `[${counts.join(', ')}]::int[] as naive`;
}

/** The columns that had naive values, with their counts. */
export function naiveCounts(naive: NaiveColumn[], counts: number[]): NaiveCount[] {
  return naive.flatMap((n, j) => (counts[j] ? [{ header: n.header, values: counts[j], ...(n.zone ? { zone: n.zone } : {}) }] : []));
}
