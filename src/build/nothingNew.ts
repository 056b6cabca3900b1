/**
 * Whether a run had anything new to read. A night without a new export is not an error, but a
 * person reading the index or a cron log must be able to tell "same numbers because nothing
 * arrived" from "same numbers because nothing changed"; so the run says which, in one sentence.
 */
import type { ManifestInput } from './manifest.js';

/** The sentence for a run that loaded no new rows, or null when some export was loaded. */
export function nothingNewNote(inbox: string | null, inputs: readonly ManifestInput[], notLoaded: number): string | null {
  if (!inbox) return 'nothing new: no inbox configured (--inbox or "inbox" in the config); built from the warehouse as it is';
  if (inputs.some((input) => !input.skipped)) return null;
  const waiting = notLoaded > 0 ? `; ${notLoaded} file(s) wait for a later run` : '';
  if (inputs.length === 0) return `nothing new: the inbox has no export to load${waiting}; built from the warehouse as it is`;
  return `nothing new: every export in the inbox (${inputs.length}) was already loaded${waiting}; built from the warehouse as it is`;
}
