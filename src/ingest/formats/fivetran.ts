/**
 * Fivetran dumps reuse the HubSpot and Salesforce specs (their snake_case names are among each
 * spec's header alternatives); a file is reported as `fivetran` when it carries Fivetran's own
 * columns. Shapes only Fivetran produces live here.
 */
import type { FormatSpec, LogicalColumn } from './types.js';
import { headerKey } from './types.js';

export const fivetranFormats: FormatSpec[] = [];

export const isFivetranDump = (header: string[]) => header.some((h) => headerKey(h).startsWith('_fivetran_'));

/** A row Fivetran keeps after the source deleted it: rejected with this reason, not loaded. */
export const fivetranDeleted: LogicalColumn = {
  headers: ['_fivetran_deleted'], kind: 'boolean', rejectIfTrue: 'deleted at the source (_fivetran_deleted)',
};
