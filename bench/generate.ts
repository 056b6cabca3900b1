/**
 * Benchmark data: canonical exports at scale (leads, ~5 stage events each, owners, activities,
 * engagement events), generated fast and deterministically. Realistic enough to exercise every
 * path (skips, recycles, re-entries, touches before and after the MQL, automated emails); the
 * realistic multi-CRM sample lives in src/sample/.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { Random } from '../src/sample/random.js';

export interface BenchDataOptions {
  leads: number;
  /** activities per MQL on average */
  activitiesPerMql?: number;
  /** engagement events per lead on average */
  engagementPerLead?: number;
  seed?: number;
}

const start = Date.parse('2024-01-01T00:00:00Z');
const DAY = 86_400_000;
const sources = ['organic_search', 'paid_search', 'referral', 'direct', 'social', 'email', 'events'];
const owners = Array.from({ length: 40 }, (_, i) => `O${i + 1}`);
const zones = ['America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata'];
const events = ['page_view', 'page_view', 'page_view', 'email_click', 'form_fill', 'webinar_attended', 'core_feature_used'];
const pages = ['/pricing', '/demo', '/blog/a', '/blog/b', '/case-studies/x', '/careers'];

class Sink {
  private buffer: string[] = [];
  private size = 0;
  constructor(private readonly stream: NodeJS.WritableStream) {}
  static async open(path: string, header: string) {
    const sink = new Sink(createWriteStream(path));
    await sink.write(`${header}\n`);
    return sink;
  }
  async write(line: string) {
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush() {
    if (!this.stream.write(this.buffer.join(''))) await once(this.stream, 'drain');
    this.buffer = [];
    this.size = 0;
  }
  async close() {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function generateBenchData(dir: string, options: BenchDataOptions): Promise<Record<string, number>> {
  await mkdir(dir, { recursive: true });
  const seeded = new Random(options.seed ?? 7);
  const random = () => seeded.next();
  const counts: Record<string, number> = { leads: 0, stage_events: 0, activities: 0, engagement_events: 0, owners: owners.length };
  const ownersFile = await Sink.open(join(dir, 'owners.csv'), 'owner_id,name,email,team,role,timezone');
  for (const [i, id] of owners.entries()) await ownersFile.write(`${id},Rep ${i + 1},rep${i + 1}@example.com,Team ${i % 4},SDR,${zones[i % 4]}\n`);
  await ownersFile.close();
  const leads = await Sink.open(join(dir, 'leads.csv'), 'lead_id,email,company,account_id,created_at,source,owner_id,industry,employees');
  const stages = await Sink.open(join(dir, 'stage_events.csv'), 'lead_id,stage,entered_at,reason');
  const activities = await Sink.open(join(dir, 'activities.csv'), 'activity_id,lead_id,owner_id,type,direction,occurred_at,automated');
  const engagement = await Sink.open(join(dir, 'engagement_events.csv'), 'lead_id,event_type,occurred_at,detail');
  const perMql = options.activitiesPerMql ?? 0;
  const perLead = options.engagementPerLead ?? 0;
  let activityId = 0;
  for (let i = 1; i <= options.leads; i++) {
    const id = `L${i}`;
    const created = start + Math.floor(random() * 700 * DAY);
    const owner = owners[Math.floor(random() * owners.length)]!;
    await leads.write(
      `${id},l${i}@co${i % 5000}.com,Company ${i % 5000},A${i % 5000},${iso(created)},${sources[i % sources.length]},${owner},${i % 3 ? 'software' : 'retail'},${10 + (i % 900)}\n`,
    );
    counts.leads!++;
    let at = created;
    const path: [string, string][] = [
      ['subscriber', ''],
      ['lead', ''],
    ];
    // about 4.6 entries per lead: most become MQL, many recycle and come back, a few skip MQL
    const r = random();
    if (r < 0.8) path.push(['mql', '']);
    if (r < 0.3) path.push(['recycled', 'ENG-02'], ['mql', '']);
    if (r < 0.08) path.push(['recycled', 'QUAL-01'], ['mql', '']);
    if (r < 0.5) path.push(['sql', '']);
    if (r < 0.32) path.push(['opportunity', '']);
    if (r < 0.12) path.push(['customer', '']);
    if (r < 0.05) path.push(['evangelist', '']);
    if (r > 0.97) path.push(['sql', '']); // a skip: SQL without MQL
    let mqlAt = 0;
    for (const [stage, reason] of path) {
      at += Math.floor(random() * 12 * DAY) + 60_000;
      if (stage === 'mql' && !mqlAt) mqlAt = at;
      await stages.write(`${id},${stage},${iso(at)},${reason}\n`);
      counts.stage_events!++;
    }
    if (mqlAt && perMql) {
      const n = Math.floor(random() * perMql * 2);
      let touch = mqlAt - 3_600_000; // one touch before the MQL, which must not count
      for (let k = 0; k < n; k++) {
        const automated = random() < 0.15;
        await activities.write(`A${++activityId},${id},${owner},${random() < 0.5 ? 'call' : 'email'},outbound,${iso(touch)},${automated}\n`);
        touch += Math.floor(random() * 2 * DAY);
        counts.activities!++;
      }
    }
    for (let k = Math.floor(random() * perLead * 2); k > 0; k--) {
      const type = events[Math.floor(random() * events.length)]!;
      await engagement.write(`${id},${type},${iso(created + Math.floor(random() * 90 * DAY))},${type === 'page_view' ? pages[k % pages.length] : ''}\n`);
      counts.engagement_events!++;
    }
  }
  await Promise.all([leads.close(), stages.close(), activities.close(), engagement.close()]);
  return counts;
}
