/**
 * Writes the Salesforce share of the world as a weekly Data Export: API-case headers, every field
 * quoted, datetimes `2025-03-05T14:22:10.000Z`. Lead Status carries the funnel (Working = MQL,
 * Closed - Converted = SQL, Nurturing = recycled); Task.csv holds the reps' calls and emails, with
 * ListEmail mass emails as the automated ones; User.csv gives each owner's zone and team.
 */
import { isoDate, isoMillis } from './clock.js';
import type { CsvSink } from './csv-sink.js';
import { FormatFiles, type FormatWriter, type SampleFile } from './output.js';
import { AUTOMATION_USER, REPS } from './owners.js';
import { type DealVersion, dealHistory, DealStories } from './dealHistory.js';
import { base62 } from './simulate.js';
import { sourceInfo } from './sources.js';
import type { SimLead, StageId } from './world.js';

const sfId = (prefix: string, n: number, suffix = 'AAA') => `${prefix}8d${base62(n, 10)}${suffix}`;
const EMPTY_LOOKUP = '000000000000000AAA';
const BAD_DATE = '2025-02-30T25:61:00.000Z';
/** The queue web-to-lead lands in before the assignment rule runs. */
const INBOUND_QUEUE = { id: '00G8d000000Q1bAEAS', name: 'Inbound Lead Queue' };

const STATUS: Partial<Record<StageId, string>> = {
  subscriber: 'Open - Not Contacted',
  lead: 'Open - Not Contacted',
  mql: 'Working - Contacted',
  sql: 'Closed - Converted',
  recycled: 'Nurturing',
  disqualified: 'Closed - Not Converted',
};
// 'Value Proposition' is skipped on purpose: reps jump from Needs Analysis to a quote
const OPP_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Proposal/Price Quote', 'Negotiation/Review'];
const PROBABILITY = [10, 20, 25, 75, 90];
const SALESFORCE_DEAL_STAGES = { open: OPP_STAGES, probabilities: PROBABILITY, won: 'Closed Won', lost: 'Closed Lost' };

export class SalesforceWriter implements FormatWriter {
  private readonly files: FormatFiles;
  private readonly leads: CsvSink;
  private readonly history: CsvSink;
  private readonly tasks: CsvSink;
  private readonly opportunities: CsvSink;
  private readonly opportunityHistory: CsvSink;
  private readonly fieldHistory: CsvSink;
  private fieldHistoryCount = 0;
  private readonly story = new DealStories();
  private historyCount = 0;
  private taskCount = 0;
  private oppHistoryCount = 0;

  constructor(out: string) {
    this.files = new FormatFiles(out, 'salesforce', true);
    const f = this.files;
    this.leads = f.open(
      'Lead.csv',
      [
        'Id',
        'FirstName',
        'LastName',
        'Email',
        'Company',
        'Title',
        'Industry',
        'NumberOfEmployees',
        'Country',
        'LeadSource',
        'Status',
        'OwnerId',
        'CreatedDate',
        'IsConverted',
        'ConvertedDate',
        'ConvertedOpportunityId',
        'ConvertedAccountId',
        'ConvertedContactId',
        'IsDeleted',
      ],
      { idColumn: 0, dateColumn: 12, badDate: BAD_DATE },
    );
    this.history = f.open('LeadHistory.csv', ['Id', 'LeadId', 'CreatedById', 'CreatedDate', 'Field', 'OldValue', 'NewValue'], {
      idColumn: 1,
      dateColumn: 3,
      badDate: BAD_DATE,
    });
    this.tasks = f.open(
      'Task.csv',
      [
        'Id',
        'WhoId',
        'WhatId',
        'OwnerId',
        'Subject',
        'Type',
        'TaskSubtype',
        'Status',
        'CallType',
        'CreatedDate',
        'ActivityDate',
        'CompletedDateTime',
        'IsDeleted',
      ],
      { idColumn: 0, dateColumn: 9, badDate: BAD_DATE },
    );
    const users = f.open('User.csv', ['Id', 'Name', 'Email', 'Username', 'Department', 'Title', 'TimeZoneSidKey', 'IsActive']);
    for (const u of [...REPS, AUTOMATION_USER]) {
      users.row([u.salesforceId, u.name, u.email, `${u.email}.revops`, u.team, u.role, u.timezone, String(u.name !== 'Hannah Cole')]);
    }
    this.opportunities = f.open('Opportunity.csv', [
      'Id',
      'Name',
      'AccountId',
      'Amount',
      'CurrencyIsoCode',
      'StageName',
      'CloseDate',
      'CreatedDate',
      'OwnerId',
      'IsClosed',
      'IsWon',
      'LeadSource',
      'Type',
      'Loss_Reason__c',
      'Competitor__c',
    ]);
    this.opportunityHistory = f.open('OpportunityHistory.csv', [
      'Id',
      'OpportunityId',
      'StageName',
      'Amount',
      'CloseDate',
      'Probability',
      'CreatedDate',
      'CreatedById',
    ]);
    this.fieldHistory = f.open('OpportunityFieldHistory.csv', [
      'Id',
      'OpportunityId',
      'CreatedById',
      'CreatedDate',
      'Field',
      'DataType',
      'OldValue',
      'NewValue',
      'IsDeleted',
    ]);
  }

  write(lead: SimLead): void {
    if (lead.system !== 'salesforce') return;
    const { person: p, company: c, current, deal } = lead;
    const accountId = sfId('001', c.index + 1, 'AAQ');
    const oppId = deal ? sfId('006', lead.index + 1, 'AAE') : '';
    const sql = lead.stages.find((s) => s.stage === 'sql');
    const status =
      [...lead.stages]
        .reverse()
        .map((s) => STATUS[s.stage])
        .find((s) => s !== undefined) ?? 'Open - Not Contacted';
    this.leads.row([
      lead.id,
      p.firstName,
      p.lastName,
      p.email,
      lead.companyAs ?? c.name,
      current.title,
      current.industry,
      String(current.employees),
      lead.country,
      sourceInfo(lead.source).salesforce,
      status,
      lead.unowned ? INBOUND_QUEUE.id : lead.owner.salesforceId,
      isoMillis(lead.createdAt),
      String(!!sql),
      sql ? isoDate(sql.at) : '',
      sql ? oppId || EMPTY_LOOKUP : '',
      sql ? accountId : '',
      sql ? sfId('003', lead.index + 1, 'AAM') : '',
      'false',
    ]);
    this.writeHistory(lead);
    for (const t of lead.touches) {
      const whatId = deal && t.type === 'meeting' && t.at >= deal.createdAt ? oppId : '';
      const subtype = t.automated ? 'ListEmail' : t.type === 'call' ? 'Call' : t.type === 'email' ? 'Email' : 'Task';
      const type = t.type === 'call' ? 'Call' : t.type === 'email' ? 'Email' : 'Meeting';
      this.tasks.row([
        sfId('00T', ++this.taskCount, 'AAK'),
        lead.id,
        whatId,
        t.owner.salesforceId,
        t.subject,
        type,
        subtype,
        'Completed',
        t.type === 'call' ? (t.direction === 'inbound' ? 'Inbound' : 'Outbound') : '',
        isoMillis(t.at),
        isoDate(t.at),
        isoMillis(t.at),
        'false',
      ]);
    }
    if (deal) this.writeOpportunity(lead, oppId, accountId);
  }

  close(): SampleFile[] {
    return this.files.close();
  }

  private writeHistory(lead: SimLead): void {
    const put = (by: string, at: number, field: string, oldValue = '', newValue = '') =>
      this.history.row([sfId('017', ++this.historyCount, 'AAG'), lead.id, by, isoMillis(at), field, oldValue, newValue]);
    put(AUTOMATION_USER.salesforceId, lead.createdAt, 'created');
    // field history tracks Owner on a third of the leads (the org turned it on late); planted stories always
    if (!lead.unowned && (lead.index % 3 === 0 || lead.reassignments)) {
      const first = lead.reassignments?.[0]?.from ?? lead.owner;
      put(AUTOMATION_USER.salesforceId, lead.assignedAt, 'Owner', INBOUND_QUEUE.name, first.name);
      for (const r of lead.reassignments ?? []) put(r.to.salesforceId, r.at, 'Owner', r.from.name, r.to.name);
    }
    let previous = 'Open - Not Contacted';
    for (const s of lead.stages) {
      const next = STATUS[s.stage];
      if (!next || next === previous) continue;
      put(s.by === 'automation' ? AUTOMATION_USER.salesforceId : lead.owner.salesforceId, s.at, 'Status', previous, next);
      if (s.stage === 'sql') put(lead.owner.salesforceId, s.at, 'leadConverted');
      previous = next;
    }
  }

  private writeOpportunity(lead: SimLead, oppId: string, accountId: string): void {
    const deal = lead.deal!;
    const closed = deal.closedAt !== undefined;
    const stage = closed ? (deal.won ? 'Closed Won' : 'Closed Lost') : OPP_STAGES[deal.steps.length - 1]!;
    const closeDate = isoDate(deal.expectedClose);
    this.opportunities.row([
      oppId,
      `${lead.company.name} - New Business`,
      accountId,
      deal.amountMissing ? '' : String(deal.amount),
      deal.currency,
      stage,
      closeDate,
      isoMillis(deal.createdAt),
      deal.owner.salesforceId,
      String(closed),
      String(deal.won),
      sourceInfo(lead.source).salesforce,
      'New Business',
      deal.lossReason ?? '',
      deal.competitor ?? '',
    ]);
    const versions = dealHistory(deal, 7919 * (lead.index + 1), SALESFORCE_DEAL_STAGES, this.story.next(deal));
    for (const v of versions) {
      this.opportunityHistory.row([
        sfId('008', ++this.oppHistoryCount, 'AAW'),
        oppId,
        v.stage,
        String(v.amount),
        isoDate(v.closeDate),
        String(v.probability),
        isoMillis(v.at),
        deal.owner.salesforceId,
      ]);
    }
    this.writeFieldHistory(oppId, versions[0]!.at, deal.owner.salesforceId, versions);
  }

  /** OpportunityFieldHistory: the creation, then a row per tracked field each version changed, with its old value. */
  private writeFieldHistory(oppId: string, createdAt: number, by: string, versions: DealVersion[]): void {
    const put = (at: number, field: string, dataType: string, oldValue: string, newValue: string) =>
      this.fieldHistory.row([sfId('017', ++this.fieldHistoryCount, 'AAY'), oppId, by, isoMillis(at), field, dataType, oldValue, newValue, 'false']);
    put(createdAt, 'created', '', '', '');
    for (const [i, v] of versions.entries()) {
      const before = versions[i - 1];
      if (!before) continue;
      if (v.changed.includes('stage')) put(v.at, 'StageName', 'DynamicEnum', before.stage, v.stage);
      if (v.changed.includes('amount')) put(v.at, 'Amount', 'Currency', String(before.amount), String(v.amount));
      if (v.changed.includes('close_date')) put(v.at, 'CloseDate', 'DateOnly', isoDate(before.closeDate), isoDate(v.closeDate));
    }
  }
}
