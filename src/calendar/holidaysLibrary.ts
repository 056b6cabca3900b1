/**
 * date-holidays, loaded on first use. Importing it parses the holiday rules of every country, about
 * 0.4 s of CPU at every start of the CLI, while a calendar without a holiday country never needs it.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';

const require = createRequire(import.meta.url);
let library: typeof Holidays | undefined;

export function holidaysLibrary(): typeof Holidays {
  library ??= require('date-holidays') as typeof Holidays;
  return library;
}
