/** One invented table with every export column type, nulls and hostile text, for the export tests. */
import type { ExportTable } from '../../src/export/types.js';

export const everyType: ExportTable = {
  name: 'owners',
  columns: [
    { name: 'owner', type: 'varchar' },
    { name: 'mqls', type: 'integer' },
    { name: 'median_minutes', type: 'double' },
    { name: 'in_sla', type: 'boolean' },
    { name: 'first_touch_at', type: 'timestamp' },
    { name: 'week', type: 'date' },
  ],
  rows: [
    { owner: 'Priya Raman', mqls: 42, median_minutes: 7.25, in_sla: true, first_touch_at: '2026-10-05T13:04:05.678Z', week: '2026-10-05' },
    {
      owner: '=HYPERLINK("http://x.invalid","click")',
      mqls: -3,
      median_minutes: -0.5,
      in_sla: false,
      first_touch_at: new Date('2024-02-29T23:59:59.000Z'),
      week: new Date('2024-02-26T00:00:00Z'),
    },
    { owner: 'Zoë, "Ops" Müller', mqls: null, median_minutes: null, in_sla: null, first_touch_at: null, week: null },
  ],
};
