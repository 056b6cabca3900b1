/**
 * An invented report that uses every chart kind, a table per format and hostile CRM text, for the
 * HTML and browser tests. The numbers are made up but shaped like a mid-market quarter.
 */
import { barChart, curveChart, funnelChart, heatmap, lineChart, weekdays } from '../../src/reports/charts/index.js';
import type { ReportDocument } from '../../src/reports/types.js';

/** A lead owner name as a CRM would happily store it. */
export const xssPayload = '<img src=x onerror=alert(1)>';
export const scriptPayload = '<script>alert(2)</script>';

const reached: [string, string, number][] = [
  ['subscriber', 'Subscriber', 4820],
  ['lead', 'Lead', 2910],
  ['mql', 'MQL', 412],
  ['sql', 'SQL', 167],
  ['opportunity', 'Opportunity', 98],
  ['customer', 'Customer', 24],
];
export const funnelStages = reached.map(([stage, label, n]) => ({ stage, label, reached: n, conversionFromTop: n / 4820 }));

const slaByWeek = ['2024-W14', '2024-W15', '2024-W16', '2024-W17', '2024-W18', '2024-W19'].flatMap((week, i) => [
  { week, outcome: 'Within 4 business hours', mqls: 52 + ((i * 7) % 11) },
  { week, outcome: 'Breached', mqls: 9 + ((i * 5) % 6) },
]);

const byOwner = [
  { owner: 'Dana Whitfield', mqls: 88 },
  { owner: 'Marco Ibáñez', mqls: 74 },
  { owner: xssPayload, mqls: 31 },
  { owner: 'Unassigned', mqls: 12 },
];

const medianByMonth = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'].flatMap((month, i) => [
  { month, source: 'Demo request', minutes: 42 - i * 5 },
  { month, source: 'Webinar', minutes: 190 - i * 18 },
]);

const arrivals = weekdays.flatMap((weekday, d) =>
  Array.from({ length: 24 }, (_, hour) => ({
    weekday,
    hour,
    mqls: d < 5 && hour >= 8 && hour < 18 ? 3 + ((hour * 7 + d * 3) % 5) : (hour + d) % 4 === 0 ? 1 : 0,
  })),
);

const gains = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].flatMap((share, i) => [
  { share, wins: Math.min(1, 1 - (1 - share) ** 2.6), rule: 'Candidate v2 (threshold 65)', order: i },
  { share, wins: Math.min(1, 1 - (1 - share) ** 1.6), rule: 'Current routing rule', order: i },
]);

export function sampleReport(): ReportDocument {
  return {
    title: 'Lifecycle funnel — Q2 2024',
    subtitle: 'All sources, all segments {{sections}}',
    meta: {
      window: { from: '2024-04-01', to: '2024-06-30' },
      asOf: new Date('2024-07-01T00:00:00Z'),
      dataFreshness: new Date('2024-06-30T17:42:00Z'),
      generatedBy: 'revops-report 0.1.0',
      extra: [['Source export', 'hubspot-contacts-2024-07-01.csv']],
    },
    warnings: ['12 MQLs have no first-contact activity; speed-to-lead excludes them.', `Owner "${xssPayload}" is not in the owners file.`],
    sections: [
      {
        id: 'funnel',
        heading: 'Funnel',
        intro: 'Leads that reached each stage in the window.\n\nA lead counts once per stage, even if recycled ($& stays literal).',
        chart: funnelChart(funnelStages),
        table: {
          columns: [
            { key: 'label', label: 'Stage' },
            { key: 'reached', label: 'Reached', format: 'int' },
            { key: 'conversionFromTop', label: 'From top', format: 'pct1' },
          ],
          rows: funnelStages,
        },
      },
      {
        id: 'sla',
        heading: 'MQL first-touch SLA by week',
        chart: barChart({ rows: slaByWeek, x: 'week', y: 'mqls', color: 'outcome', title: 'MQLs by SLA outcome', format: 'int' }),
      },
      {
        id: 'owners',
        heading: 'MQLs by owner',
        chart: barChart({ rows: byOwner, x: 'owner', y: 'mqls', title: 'MQLs worked', format: 'int', horizontal: true }),
        table: {
          columns: [
            { key: 'owner', label: 'Owner' },
            { key: 'mqls', label: 'MQLs', format: 'int' },
            { key: 'note', label: 'Note' },
          ],
          rows: byOwner.map((r) => ({ ...r, note: r.owner === xssPayload ? scriptPayload : '' })),
        },
      },
      {
        id: 'speed',
        heading: 'Median time to first contact',
        chart: lineChart({ rows: medianByMonth, x: 'month', y: 'minutes', series: 'source', title: 'Median minutes to first contact', format: 'minutes' }),
      },
      {
        id: 'coverage',
        heading: 'When MQLs arrive',
        chart: heatmap({ rows: arrivals, x: 'hour', y: 'weekday', value: 'mqls', title: 'MQLs by weekday and hour', format: 'int', valueTitle: 'MQLs' }),
      },
      {
        id: 'backtest',
        heading: 'Scoring backtest (holdout)',
        chart: curveChart({
          rows: gains,
          x: 'share',
          y: 'wins',
          series: 'rule',
          title: 'Cumulative gains',
          xTitle: 'Leads worked, by score',
          yTitle: 'Wins caught',
          baseline: true,
        }),
      },
    ],
    definitions: [
      { term: 'MQL', text: 'A lead that passed both the fit and the engagement threshold, or took a high-intent action.' },
      { term: 'Speed-to-lead', text: 'Time from MQL creation to the first call or email by a rep.' },
      { term: 'Reached', text: 'Leads that entered the stage, or a later one, within the window.' },
    ],
  };
}
