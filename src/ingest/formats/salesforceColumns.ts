/** Salesforce header alternatives (API name, report labels, Fivetran snake_case) and shared columns. */
import { fivetranDeleted } from './fivetran.js';
import type { LogicalColumn } from './types.js';

/** API name → header alternatives: the API name, report labels, and Fivetran's snake_case. */
export const snake = (api: string) =>
  api
    .replace(/__c$/, '_c')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
export const sf = (api: string, ...labels: string[]): LogicalColumn => ({ headers: [api, ...labels, snake(api)] });
export const sfTs = (api: string, ...labels: string[]): LogicalColumn => ({ ...sf(api, ...labels), kind: 'timestamp' });
export const sfId = (api: string, ...labels: string[]): LogicalColumn => ({ ...sf(api, ...labels), nonEmpty: true });
export const sfBool = (api: string, ...labels: string[]): LogicalColumn => ({ ...sf(api, ...labels), kind: 'boolean' });
/** A record id or lookup: report exports give 15 characters, widened to the 18 the API gives. */
export const sfRef = (api: string, ...labels: string[]): LogicalColumn => ({ ...sf(api, ...labels), kind: 'salesforce_id' });
export const sfKey = (api: string, ...labels: string[]): LogicalColumn => ({ ...sfRef(api, ...labels), nonEmpty: true });
/** Data Loader "Export All" and Fivetran keep deleted rows: they are rejected, not loaded. */
export const deletedColumns = {
  is_deleted: { ...sfBool('IsDeleted', 'Deleted'), rejectIfTrue: 'deleted in Salesforce (IsDeleted)' },
  fivetran_deleted: fivetranDeleted,
};
/** Field-history rows changed at the same instant as a status row: a reason field gives its reason. */
export const sameInstantReason = (field: string, value: string) =>
  `(select any_value(r.${value}) from typed r where r.lead_id = typed.lead_id and r.changed_at = typed.changed_at
     and r.__reject is null and lower(r.${field}) like '%reason%')`;

/** Field keys for Lead columns, shared by the Lead export (extra columns) and LeadHistory's Field. */
export const salesforceLeadFieldKeys: Record<string, string> = {
  title: 'title',
  numberofemployees: 'employees',
  number_of_employees: 'employees',
  'no. of employees': 'employees',
  annualrevenue: 'revenue',
  annual_revenue: 'revenue',
  'annual revenue': 'revenue',
};
