/**
 * Writes our own canonical CSVs: leads, stage events and opportunities for the canonical share of
 * the world, and, for every lead of any CRM, the files no CRM export carries: owners, rep
 * activities (HubSpot and canonical leads; Salesforce has Task.csv), engagement events and field
 * history. Timestamps are ISO 8601 in UTC; owners are keyed by name so HubSpot's "Contact owner" joins.
 */
import { abmTier } from './accounts.js';
import { isoDate, isoSeconds } from './clock.js';
import type { CsvSink } from './csv-sink.js';
import { FormatFiles, type FormatWriter, type SampleFile } from './output.js';
import { REPS } from './owners.js';
import { type DealField, dealHistory, DealStories } from './dealHistory.js';
import { sourceInfo } from './sources.js';
import { currentStage, type SimLead } from './world.js';

const BAD_DATE = '2025-13-45T10:00:00Z';
const PIPELINE_STAGES = ['Qualified', 'Discovery', 'Demo/Evaluation', 'Proposal', 'Negotiation'];
const CANONICAL_DEAL_STAGES = { open: PIPELINE_STAGES, probabilities: [10, 20, 40, 60, 80], won: 'Closed Won', lost: 'Closed Lost' };

export class CanonicalWriter implements FormatWriter {
  private readonly files: FormatFiles;
  private readonly leads: CsvSink;
  private readonly stages: CsvSink;
  private readonly opportunities: CsvSink;
  private readonly activities: CsvSink;
  private readonly engagement: CsvSink;
  private readonly fieldHistory: CsvSink;
  private readonly dealEvents: CsvSink;
  private readonly story = new DealStories();
  private activityCount = 0;

  constructor(
    out: string,
    private readonly simulatedLeads = Infinity,
  ) {
    this.files = new FormatFiles(out, 'canonical');
    const f = this.files;
    this.leads = f.open(
      'leads.csv',
      [
        'lead_id',
        'email',
        'company',
        'account_id',
        'created_at',
        'source',
        'owner_id',
        'first_name',
        'last_name',
        'stage',
        'title',
        'industry',
        'employees',
        'country',
        'abm_tier',
      ],
      { idColumn: 0, dateColumn: 4, badDate: BAD_DATE },
    );
    this.stages = f.open('stage_events.csv', ['lead_id', 'stage', 'entered_at', 'reason'], { idColumn: 0, dateColumn: 2, badDate: BAD_DATE });
    this.opportunities = f.open('opportunities.csv', [
      'opportunity_id',
      'lead_id',
      'account_id',
      'name',
      'amount',
      'currency',
      'owner_id',
      'pipeline',
      'stage',
      'created_at',
      'close_date',
      'is_won',
      'loss_reason',
      'competitor',
    ]);
    const owners = f.open('owners.csv', ['owner_id', 'name', 'email', 'team', 'role', 'timezone']);
    for (const rep of REPS) owners.row([rep.name, rep.name, rep.email, rep.team, rep.role, rep.timezone]);
    this.activities = f.open('activities.csv', ['activity_id', 'lead_id', 'owner_id', 'type', 'direction', 'occurred_at', 'automated'], {
      idColumn: 0,
      dateColumn: 5,
      badDate: BAD_DATE,
    });
    this.engagement = f.open('engagement_events.csv', ['lead_id', 'event_type', 'occurred_at', 'detail'], { idColumn: 0, dateColumn: 2, badDate: BAD_DATE });
    this.fieldHistory = f.open('field_history.csv', ['lead_id', 'field', 'value', 'changed_at'], { idColumn: 0, dateColumn: 3, badDate: BAD_DATE });
    this.dealEvents = f.open('opportunity_events.csv', ['opportunity_id', 'field', 'value', 'changed_at']);
  }

  write(lead: SimLead): void {
    if (lead.system === 'canonical') this.writeCanonicalLead(lead);
    if (lead.system !== 'salesforce') {
      for (const t of lead.touches) {
        this.activities.row([`act_${++this.activityCount}`, lead.id, t.owner.name, t.type, t.direction, isoSeconds(t.at), String(t.automated)]);
      }
    }
    for (const e of lead.engagement) this.engagement.row([lead.id, e.type, isoSeconds(e.at), e.detail]);
    for (const c of lead.fields) this.fieldHistory.row([lead.id, c.field, c.value, isoSeconds(c.at)]);
    if (lead.system === 'canonical') this.writeOwnerHistory(lead);
  }

  /**
   * Owner changes of the planted canonical leads (planted.ts): the router's assignment, then any
   * reassignment. Simulated leads have none, so their rows (and the planted defects' positions) stay put.
   */
  private writeOwnerHistory(lead: SimLead): void {
    if (lead.unowned || lead.index < this.simulatedLeads) return;
    const first = lead.reassignments?.[0]?.from ?? lead.owner;
    this.fieldHistory.row([lead.id, 'owner_id', first.name, isoSeconds(lead.assignedAt)]);
    for (const r of lead.reassignments ?? []) this.fieldHistory.row([lead.id, 'owner_id', r.to.name, isoSeconds(r.at)]);
  }

  close(): SampleFile[] {
    return this.files.close();
  }

  private writeCanonicalLead(lead: SimLead): void {
    const { person: p, company: c, current } = lead;
    const accountId = `ACC-${String(c.index + 1).padStart(6, '0')}`;
    this.leads.row([
      lead.id,
      p.email,
      lead.companyAs ?? c.name,
      accountId,
      isoSeconds(lead.createdAt),
      sourceInfo(lead.source).canonical,
      lead.unowned ? '' : lead.owner.name,
      p.firstName,
      p.lastName,
      lead.rawStage?.internal ?? currentStage(lead)?.stage ?? 'lead',
      current.title,
      current.industry,
      String(current.employees),
      lead.country,
      abmTier(c),
    ]);
    for (const s of lead.stages) this.stages.row([lead.id, s.stage, isoSeconds(s.at), s.reason ?? '']);
    if (lead.rawStage) this.stages.row([lead.id, lead.rawStage.internal, isoSeconds(lead.rawStage.at), '']);
    const deal = lead.deal;
    if (!deal) return;
    const stage = deal.closedAt !== undefined ? (deal.won ? 'Closed Won' : 'Closed Lost') : (PIPELINE_STAGES[deal.steps.length - 1] ?? 'Qualified');
    const oppId = `OPP-${String(lead.index + 1).padStart(7, '0')}`;
    this.opportunities.row([
      oppId,
      lead.id,
      accountId,
      `${c.name} - New Business`,
      deal.amountMissing ? '' : String(deal.amount),
      deal.currency,
      deal.owner.name,
      'New Business',
      stage,
      isoSeconds(deal.createdAt),
      isoDate(deal.expectedClose),
      deal.closedAt !== undefined ? String(deal.won) : '',
      deal.lossReason ?? '',
      deal.competitor ?? '',
    ]);
    // the deal's history: its starting values, then each field as it changed
    const versions = dealHistory(deal, 7919 * (lead.index + 1), CANONICAL_DEAL_STAGES, this.story.next(deal));
    for (const v of versions) {
      const values: Record<DealField, string> = { stage: v.stage, amount: String(v.amount), close_date: isoDate(v.closeDate) };
      for (const field of v.changed) this.dealEvents.row([oppId, field, values[field], isoSeconds(v.at)]);
    }
  }
}
