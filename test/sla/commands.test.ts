/**
 * The two commands end to end on a warehouse file and a config file, with an SLA that starts at an
 * engagement event. demo_callback: demo request → first call, email, meeting or SMS within 30 minutes:
 *   L01 demo 13:55Z (09:55 NY) → call 14:03Z        8 real /  8 business   met
 *   L03 demo 05:50Z (07:50 Berlin) → call 07:20Z   90 real / 20 business   breached (60 real minutes late)
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sla } from '../../src/commands/sla.js';
import { speedToLead } from '../../src/commands/speedToLead.js';
import { parseConfig } from '../../src/config/config.js';
import { Warehouse } from '../../src/db/connection.js';
import { loadFixtures } from '../helpers/load.js';
import { canonicalFiles } from './support.js';

const configJson = {
  timezone: 'America/New_York',
  slas: [
    {
      name: 'demo_callback',
      label: 'Demo request → first touch',
      start: { kind: 'event', eventType: 'demo_request' },
      end: { kind: 'touch' },
      target: { amount: 30, unit: 'minutes' },
    },
  ],
};

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'revops-sla-'));
  const db = join(dir, 'warehouse.duckdb');
  const configPath = join(dir, 'revops.config.json');
  writeFileSync(configPath, JSON.stringify(configJson));
  const wh = await Warehouse.open({ path: db });
  try {
    await loadFixtures(wh, [...canonicalFiles, 'sla/canonical/engagement_events.csv'], parseConfig(configJson));
  } finally {
    wh.close();
  }
  return { dir, options: { db, config: configPath, from: '2024-04-01', to: '2024-04-30', asOf: '2024-04-12T18:00:00Z' } };
}

describe('speed-to-lead and sla commands', () => {
  it('measure from an engagement event and write HTML and CSV', async () => {
    const { dir, options } = await setup();
    const out = join(dir, 'speed.html');
    const speed = await speedToLead({ ...options, out });
    expect(speed.start).toBe('event:demo_request');
    expect(speed.window).toEqual({ from: '2024-04-01T00:00:00.000Z', to: '2024-04-12T18:00:00.000Z' });
    // real 8 and 90 → median 49; business 8 and 20 → 14; one of two within 30 real minutes
    expect(speed.overall).toMatchObject({ n: 2, touched: 2, medianMinutes: 49, medianBusinessMinutes: 14, withinTarget: 0.5 });
    expect(readFileSync(out, 'utf8')).toContain('<h1>Speed-to-lead</h1>');

    const csv = join(dir, 'breaches.csv');
    const report = await sla({ ...options, format: 'csv', out: csv });
    expect(report.slas.map((s) => [s.name, s.eligible, s.met, s.breached])).toEqual([['demo_callback', 2, 1, 1]]);
    // no MQL SLAs configured: no leak flags to read
    expect(report.leaks.mqls).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\r\n')[1]).toBe(
      'demo_callback,L03,OWN-BER,Dara Singh,EMEA SDR,2024-04-09T05:50:00Z,2024-04-09T06:20:00Z,2024-04-09T07:20:00Z,late,60,20',
    );
  }, 60_000);
});
