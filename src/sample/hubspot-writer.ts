/**
 * Writes the HubSpot share of the world as a portal in America/New_York would export it: the UI
 * contacts export (labels, owner names, legacy "Became a … Date" columns, naive local times), the
 * property history export (internal values, ISO times, a Source per change) and the deals export.
 */
import { abmTier } from './accounts.js';
import { isoMillis, naiveLocal } from './clock.js';
import type { CsvSink } from './csv-sink.js';
import { FormatFiles, type FormatWriter, type SampleFile } from './output.js';
import { dealHistory, DealStories } from './dealHistory.js';
import { sourceInfo } from './sources.js';
import { currentStage, type Actor, type Deal, type SimLead, type StageEvent, type StageId } from './world.js';

export const PORTAL_ZONE = 'America/New_York';
const local = (ms: number) => naiveLocal(PORTAL_ZONE, ms);

/** Our stage → HubSpot lifecycle stage [internal value, label]; recycled leads go back to Lead. */
const LIFECYCLE: Record<StageId, [string, string]> = {
  subscriber: ['subscriber', 'Subscriber'],
  lead: ['lead', 'Lead'],
  mql: ['marketingqualifiedlead', 'Marketing Qualified Lead'],
  sql: ['salesqualifiedlead', 'Sales Qualified Lead'],
  opportunity: ['opportunity', 'Opportunity'],
  customer: ['customer', 'Customer'],
  evangelist: ['evangelist', 'Evangelist'],
  recycled: ['lead', 'Lead'],
  disqualified: ['other', 'Other'],
};
const BECAME: [StageId, string][] = [
  ['subscriber', 'a Subscriber'],
  ['lead', 'a Lead'],
  ['mql', 'a Marketing Qualified Lead'],
  ['sql', 'a Sales Qualified Lead'],
  ['opportunity', 'an Opportunity'],
  ['customer', 'a Customer'],
  ['evangelist', 'an Evangelist'],
  ['disqualified', 'an Other Lifecycle Stage'],
];
const LEAD_STATUS_LABEL: Record<string, string> = {
  NEW: 'New',
  OPEN: 'Open',
  ATTEMPTED_TO_CONTACT: 'Attempted to Contact',
  CONNECTED: 'Connected',
  OPEN_DEAL: 'Open Deal',
  UNQUALIFIED: 'Unqualified',
  BAD_TIMING: 'Bad Timing',
};
const HISTORY_SOURCE: Record<Actor, string> = {
  form: 'FORM',
  import: 'IMPORT',
  automation: 'AUTOMATION_PLATFORM',
  rep: 'CRM_UI',
  deal: 'AUTOMATION_PLATFORM',
};
const DEAL_STAGES = ['Appointment Scheduled', 'Qualified To Buy', 'Presentation Scheduled', 'Decision Maker Bought-In', 'Contract Sent'];
const DEAL_STAGE_COLUMNS = [...DEAL_STAGES, 'Closed Won', 'Closed Lost'];
const HUBSPOT_DEAL_STAGES = { open: DEAL_STAGES, probabilities: [20, 40, 60, 80, 90], won: 'Closed Won', lost: 'Closed Lost' };

export class HubSpotWriter implements FormatWriter {
  private readonly files: FormatFiles;
  private readonly contacts: CsvSink;
  private readonly history: CsvSink;
  private readonly deals: CsvSink;
  private readonly story = new DealStories();

  constructor(out: string) {
    this.files = new FormatFiles(out, 'hubspot');
    this.contacts = this.files.open(
      'contacts.csv',
      [
        'Record ID',
        'First Name',
        'Last Name',
        'Email',
        'Phone Number',
        'Company Name',
        'Job Title',
        'Industry',
        'Number of Employees',
        'Create Date',
        'Lifecycle Stage',
        'Lead Status',
        'Contact owner',
        'Owner assigned date',
        'Original Source',
        'Last Activity Date',
        'Associated Company ID',
        'ABM Tier',
        ...BECAME.map(([, label]) => `Became ${label} Date`),
      ],
      { idColumn: 0, dateColumn: 9, badDate: '2025-13-45 10:00' },
    );
    this.history = this.files.open('contacts_property_history.csv', ['Record ID', 'Property', 'Value', 'Timestamp', 'Source'], {
      idColumn: 0,
      dateColumn: 3,
      badDate: '2025-02-30T25:61:00.000Z',
    });
    this.deals = this.files.open('deals.csv', [
      'Record ID',
      'Deal Name',
      'Deal Stage',
      'Pipeline',
      'Amount',
      'Currency',
      'Close Date',
      'Create Date',
      'Deal owner',
      'Closed Lost Reason',
      'Closed Won Reason',
      'Deal Type',
      'Associated Contact IDs',
      'Associated Company IDs',
      'Competitor',
      // the deal stage properties: when the deal last entered and left each stage of its pipeline
      ...DEAL_STAGE_COLUMNS.flatMap((s) => [`Date entered "${s} (Sales Pipeline)"`, `Date exited "${s} (Sales Pipeline)"`]),
    ]);
  }

  write(lead: SimLead): void {
    if (lead.system !== 'hubspot') return;
    const companyId = String(9_100_003 + lead.company.index * 7);
    const status = this.writeHistory(lead);
    const stage = currentStage(lead);
    const [internal, label] = LIFECYCLE[stage?.stage ?? 'lead'];
    // a few rows carry the internal value, as API-created contacts sometimes do
    const lifecycle = lead.rawStage?.label ?? (lead.index % 19 === 0 ? internal : label);
    const firstEntry = (id: StageId) => lead.stages.find((s) => s.stage === id);
    const lastTouch = lead.touches[lead.touches.length - 1];
    const { person: p, company: c, current } = lead;
    this.contacts.row([
      lead.id,
      p.firstName,
      p.lastName,
      p.email,
      p.phone,
      lead.companyAs ?? c.name,
      current.title,
      current.industry,
      String(current.employees),
      local(lead.createdAt),
      lifecycle,
      status ? (LEAD_STATUS_LABEL[status] ?? '') : '',
      lead.unowned ? '' : lead.owner.name,
      lead.unowned ? '' : local(lead.assignedAt),
      sourceInfo(lead.source).hubspot,
      lastTouch ? local(lastTouch.at) : '',
      companyId,
      abmTier(c),
      ...BECAME.map(([id]) => {
        const e = firstEntry(id);
        return e ? local(e.at) : '';
      }),
    ]);
    const deal = lead.deal;
    if (!deal) return;
    const dealStage = deal.closedAt !== undefined ? (deal.won ? 'Closed Won' : 'Closed Lost') : (DEAL_STAGES[deal.steps.length - 1] ?? DEAL_STAGES[0]!);
    this.deals.row([
      String(8_400_000_001 + lead.index * 5),
      `${c.name} - New Business`,
      dealStage,
      'Sales Pipeline',
      deal.amountMissing ? '' : String(deal.amount),
      deal.currency,
      local(deal.expectedClose),
      local(deal.createdAt),
      deal.owner.name,
      deal.lossReason ?? '',
      deal.wonReason ?? '',
      'New Business',
      lead.id,
      companyId,
      deal.competitor ?? '',
      ...this.stageDates(deal, lead.index),
    ]);
  }

  /**
   * The Date entered / Date exited pair of each stage column: HubSpot keeps the latest entry into
   * a stage and the latest exit from it, so a deal that came back to a stage shows only its return.
   */
  private stageDates(deal: Deal, index: number): string[] {
    const stages = dealHistory(deal, 7919 * (index + 1), HUBSPOT_DEAL_STAGES, this.story.next(deal)).filter((v) => v.changed.includes('stage'));
    const entered = new Map<string, number>();
    const exited = new Map<string, number>();
    for (const [i, v] of stages.entries()) {
      entered.set(v.stage, v.at);
      const next = stages[i + 1];
      if (next) exited.set(v.stage, next.at);
    }
    return DEAL_STAGE_COLUMNS.flatMap((s) => {
      const at = entered.get(s);
      const out = exited.get(s);
      // an exit before the latest entry belongs to an earlier stay
      return [at === undefined ? '' : local(at), out === undefined || at === undefined || out < at ? '' : local(out)];
    });
  }

  close(): SampleFile[] {
    return this.files.close();
  }

  /** Writes lifecyclestage and hs_lead_status changes; returns the lead status as of today. */
  private writeHistory(lead: SimLead): string | undefined {
    const put = (property: string, value: string, at: number, source: string) => this.history.row([lead.id, property, value, isoMillis(at), source]);
    let status: string | undefined;
    const setStatus = (value: string, at: number, source: string) => {
      status = value;
      put('hs_lead_status', value, at, source);
    };
    lead.stages.forEach((s: StageEvent, i) => {
      const source = i === 0 && lead.source === 'offline' ? 'IMPORT' : HISTORY_SOURCE[s.by];
      put('lifecyclestage', LIFECYCLE[s.stage][0], s.at, source);
      if (s.stage === 'lead') setStatus('NEW', s.at, source);
      if (s.stage === 'mql') {
        setStatus('OPEN', s.at, source);
        const next = lead.stages[i + 1]?.at ?? Infinity;
        const touch = lead.touches.find((t) => !t.automated && t.at >= s.at && t.at < next);
        if (touch) setStatus('ATTEMPTED_TO_CONTACT', touch.at, 'CRM_UI');
      }
      if (s.stage === 'sql') setStatus('CONNECTED', s.at, 'CRM_UI');
      if (s.stage === 'opportunity') setStatus('OPEN_DEAL', s.at, 'AUTOMATION_PLATFORM');
      if (s.reason) {
        setStatus(s.reason === 'ENG-02' ? 'BAD_TIMING' : 'UNQUALIFIED', s.at, 'CRM_UI');
        put('mql_rejection_reason', s.reason, s.at, 'CRM_UI');
      }
    });
    if (lead.rawStage) put('lifecyclestage', lead.rawStage.internal, lead.rawStage.at, 'CRM_UI');
    return status;
  }
}
