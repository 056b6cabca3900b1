/**
 * The value lists the template models share. The personal-mail domains are real; the competitor
 * and tool lists are placeholders every team replaces (docs/scoring-model.md, "Adapting").
 */

/** Free mailboxes: a lead on one of these has no company domain to judge fit by. */
export const personalEmailDomains = [
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'mail.com',
  'yandex.com',
];

/** Placeholder: replace with your competitors' email domains. */
export const competitorDomains = ['rivalsuite.example', 'acmeflow.example'];

/** Placeholder: replace with your target industries, as your CRM spells them. */
export const targetIndustries = ['software', 'computer software', 'information technology', 'internet', 'saas'];

/** Placeholder: tools that make the product more valuable when the lead already uses them. */
export const complementaryToolsPattern = '\\b(slack|hubspot|salesforce|jira|notion|zapier)\\b';

/** Placeholder: competitors' products, as they appear in tech_stack. */
export const competitorToolsPattern = '\\b(rivalsuite|acmeflow)\\b';

/** Placeholder: countries you sell into (ISO codes and names, compared case-insensitively). */
export const targetCountries = ['US', 'United States', 'CA', 'Canada', 'GB', 'United Kingdom'];

export const titlePatterns = {
  managerOrAbove: '\\b(manager|head|director|vp|svp|evp|vice president|chief|c[a-z]o|founder|owner|president)\\b',
  vpOrAbove: '\\b(vp|svp|evp|vice president|chief|c[a-z]o|founder|owner|president)\\b',
  managerToVp: '\\b(manager|head|director|vp|svp|evp|vice president)\\b',
  studentOrIntern: '\\b(intern|internship|student)\\b',
};

/** Values of a `seniority` field that mean an individual contributor. */
export const individualContributorSeniorities = ['individual contributor', 'ic', 'entry', 'employee', 'associate'];

/** Values of a `decision_maker` field that mean confirmed. */
export const confirmedValues = ['true', 'yes', '1', 'confirmed'];
