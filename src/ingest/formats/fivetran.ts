/**
 * Fivetran dumps reuse the HubSpot and Salesforce specs (their snake_case names are among each
 * spec's header alternatives); a file is reported as `fivetran` when it carries Fivetran's own
 * columns. Shapes only Fivetran produces live here.
 */
import type { FormatSpec } from './types.js';
import { headerKey } from './types.js';

export const fivetranFormats: FormatSpec[] = [];

export const isFivetranDump = (header: string[]) => header.some((h) => headerKey(h).startsWith('_fivetran_'));
