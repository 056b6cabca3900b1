/**
 * The funnel's two model queries with their per-stage columns written out. The listed stages
 * change per report (--stages, --cohort-stage), and a pivot needs one column per stage: the
 * columns are generated here from the stages' orders in cfg_stages, integers checked before they
 * enter the text. Nothing else is interpolated: every stage name and user value stays a bound
 * parameter of the SQL files (sql/metrics/funnel__*.sql). Portable SQL (FILTER, least, union all).
 */
import { readFile } from 'node:fs/promises';
import { sqlPath } from '../paths.js';

/** The listed stages' cfg_stages orders, ascending (position p of the funnel is orders[p - 1]). */
function checkedOrders(orders: number[]): number[] {
  for (const [i, order] of orders.entries())
    if (!Number.isSafeInteger(order) || (i > 0 && order <= orders[i - 1]!))
      throw new Error(`funnel: stage orders must be ascending integers, got ${JSON.stringify(orders)}`);
  return orders;
}

/** The model file's text; the engine's own version where it has one (wh.modelSql). */
const readModel = (path: string) => readFile(sqlPath(path), 'utf8');

const positions = (orders: number[]) => orders.map((order, i) => ({ p: i + 1, order, next: orders[i + 1] }));
const isStage = (condition: string) => `filter (where stage_kind = 'stage' and ${condition})`;

/**
 * Per listed stage: the first entry into it, its entry count and out-of-order flag; and where
 * unlisted stages lie between it and the next listed one (or above the last), the first entry
 * into those (such an entry passes the listed stage below it: passed_from_p).
 */
function entryColumns(orders: number[]): string {
  return positions(orders)
    .flatMap(({ p, order, next }) => [
      `min(entered_at) ${isStage(`stage_order = ${order}`)} as entered_at_${p}`,
      `cast(count(*) ${isStage(`stage_order = ${order}`)} as integer) as entry_count_${p}`,
      `coalesce(bool_or(is_out_of_order) ${isStage(`stage_order = ${order}`)}, false) as out_of_order_${p}`,
      ...(next === undefined
        ? [`min(entered_at) ${isStage(`stage_order > ${order}`)} as passed_from_${p}`]
        : next > order + 1
          ? [`min(entered_at) ${isStage(`stage_order > ${order} and stage_order < ${next}`)} as passed_from_${p}`]
          : []),
    ])
    .join(',\n        ');
}

/** Per listed stage, when the lead reached it: passed (count mode), or entered with every listed stage before it (strict). */
function reachedColumns(orders: number[]): string {
  return positions(orders)
    .map(({ p }) => {
      // the earliest entry into this stage or any later one, listed or not
      const passed = `least(${positions(orders)
        .filter((s) => s.p >= p)
        .flatMap((s) => [`entered_at_${s.p}`, ...(s.next === undefined || s.next > s.order + 1 ? [`passed_from_${s.p}`] : [])])
        .join(', ')})`;
      const path = positions(orders)
        .filter((s) => s.p <= p)
        .map((s) => `entered_at_${s.p} is not null`)
        .join(' and ');
      return `case when $strict then case when ${path} then entered_at_${p} end else ${passed} end as reached_at_${p}`;
    })
    .join(',\n        ');
}

/** One select per listed stage: each cohort lead's row for the stage and the stage before it. */
function stageRows(orders: number[]): string {
  return positions(orders)
    .map(({ p }) => {
      const before = p - 1;
      const previous =
        p === 1
          ? `cast(null as timestamptz) as previous_reached_at, cast(null as timestamptz) as previous_entered_at,
           cast(null as boolean) as previous_out_of_order, false as at_previous_stage`
          : `reached_at_${before} as previous_reached_at, entered_at_${before} as previous_entered_at,
           out_of_order_${before} as previous_out_of_order, coalesce(current_order = ${orders[before - 1]}, false) as at_previous_stage`;
      return `select group_key, period, ${p} as position, reached_at_${p} as reached_at, entered_at_${p} as entered_at,
           entry_count_${p} as entry_count, out_of_order_${p} as out_of_order,
           ${previous}
    from funnel_lead_stages`;
    })
    .join('\n    union all\n    ');
}

/** The text of funnel__lead_stages for these listed stage orders (ascending integers, at least one). */
export async function funnelLeadStagesSql(orders: number[], read = readModel): Promise<string> {
  const checked = checkedOrders(orders);
  const template = await read('metrics/funnel__lead_stages.sql');
  return template.replace('{{entry_columns}}', entryColumns(checked)).replace('{{reached_columns}}', reachedColumns(checked));
}

/** The text of funnel__stage_counts for these listed stage orders. */
export async function funnelStageCountsSql(orders: number[], read = readModel): Promise<string> {
  const template = await read('metrics/funnel__stage_counts.sql');
  return template.replace('{{stage_rows}}', stageRows(checkedOrders(orders)));
}

/**
 * Both as one query: funnel__lead_stages as the CTE funnel_lead_stages of funnel__stage_counts.
 * DuckDB materialises the CTE once for the union that reads it per stage, which costs less than
 * writing a temp table and reading it back in a second query.
 */
export async function funnelSql(orders: number[], read = readModel): Promise<string> {
  const [leadStages, counts] = await Promise.all([funnelLeadStagesSql(orders, read), funnelStageCountsSql(orders, read)]);
  const query = counts.replace(/^with stage_rows as \(/m, () => `with funnel_lead_stages as (\n${leadStages}\n),\n\nstage_rows as (`);
  if (query === counts) throw new Error('sql/metrics/funnel__stage_counts.sql: no "with stage_rows as (" to put the lead stages in front of');
  return query;
}
