/**
 * The three `scoring init --template` starting points, with the point values, fit/engagement
 * balance and MQL thresholds of the playbook's template models (docs/defaults.md lists them).
 */
import type { ScoringModel } from './model.js';
import {
  competitorDomains,
  competitorToolsPattern,
  complementaryToolsPattern,
  confirmedValues,
  individualContributorSeniorities,
  personalEmailDomains,
  targetCountries,
  targetIndustries,
  titlePatterns,
} from './templateLists.js';

export const templateNames = ['plg', 'enterprise', 'midmarket'] as const;
export type TemplateName = (typeof templateNames)[number];

const ignoreCase = 'i';
const competitorDomain = { id: 'competitor-domain', field: 'emailDomain', condition: { in: competitorDomains }, points: -50 };
const personalEmail = { id: 'personal-email', field: 'emailDomain', condition: { in: personalEmailDomains }, points: -10 };
const pricingPage = { event: 'page_view', detail: { prefix: '/pricing' } };

const plg: ScoringModel = {
  name: 'PLG (ACV $500-5K)',
  version: '1',
  description: 'Product-led: product usage carries most of the score. Recalibrate monthly.',
  threshold: 60,
  weights: { fit: 0.3, engagement: 0.7 },
  fit: [
    { id: 'size-10-500', field: 'employees', condition: { range: { min: 10, max: 500 } }, points: 15 },
    { id: 'target-industry', field: 'industry', condition: { in: targetIndustries }, points: 10 },
    { id: 'manager-or-above', field: 'title', condition: { regex: titlePatterns.managerOrAbove, flags: ignoreCase }, points: 10 },
    { id: 'complementary-tool', field: 'tech_stack', condition: { regex: complementaryToolsPattern, flags: ignoreCase }, points: 10 },
  ],
  engagement: [
    { id: 'created-account', event: 'created_account', points: 15 },
    { id: 'completed-onboarding', event: 'completed_onboarding', points: 20 },
    { id: 'core-feature-3x', event: 'core_feature_used', minCount: 3, points: 25 },
    { id: 'invited-teammate', event: 'invited_teammate', points: 25 },
    { id: 'hit-usage-limit', event: 'hit_usage_limit', points: 20 },
    { id: 'pricing-page', ...pricingPage, points: 15 },
  ],
  negative: [personalEmail, { id: 'no-login-14d', inactiveDays: 14, events: ['login'], points: -15 }, competitorDomain],
};

const enterprise: ScoringModel = {
  name: 'Enterprise sales-led (ACV $50K+)',
  version: '1',
  description: 'Sales-led: fit carries most of the score. Recalibrate quarterly.',
  threshold: 75,
  weights: { fit: 0.6, engagement: 0.4 },
  fit: [
    { id: 'size-500-plus', field: 'employees', condition: { range: { min: 500 } }, points: 20 },
    { id: 'revenue-50m-plus', field: 'revenue', condition: { range: { min: 50_000_000 } }, points: 15 },
    { id: 'target-industry', field: 'industry', condition: { in: targetIndustries }, points: 15 },
    { id: 'vp-or-above', field: 'title', condition: { regex: titlePatterns.vpOrAbove, flags: ignoreCase }, points: 20 },
    { id: 'decision-maker', field: 'decision_maker', condition: { in: confirmedValues }, points: 15 },
    { id: 'uses-competitor', field: 'tech_stack', condition: { regex: competitorToolsPattern, flags: ignoreCase }, points: 10 },
  ],
  engagement: [
    { id: 'demo-request', event: 'form_fill', detail: { equals: 'demo-request' }, points: 30 },
    { id: 'stakeholders-engaged', event: '*', scope: 'account', minContacts: 3, points: 20 },
    { id: 'exec-webinar', event: 'webinar_attended', detail: { regex: 'exec', flags: ignoreCase }, points: 15 },
    { id: 'roi-guide', event: 'content_download', detail: { regex: 'roi', flags: ignoreCase }, points: 10 },
    { id: 'pricing-page-2x', ...pricingPage, minCount: 2, points: 15 },
  ],
  negative: [
    { id: 'under-100-people', field: 'employees', condition: { range: { max: 99 } }, points: -30 },
    { id: 'individual-contributor', field: 'seniority', condition: { in: individualContributorSeniorities }, points: -15 },
    competitorDomain,
  ],
};

const midmarket: ScoringModel = {
  name: 'Mid-market hybrid (ACV $5K-25K)',
  version: '1',
  description: 'Hybrid: fit and engagement weigh the same. Recalibrate quarterly.',
  threshold: 65,
  weights: { fit: 0.5, engagement: 0.5 },
  fit: [
    { id: 'size-50-1000', field: 'employees', condition: { range: { min: 50, max: 1000 } }, points: 15 },
    { id: 'target-industry', field: 'industry', condition: { in: targetIndustries }, points: 10 },
    { id: 'manager-to-vp', field: 'title', condition: { regex: titlePatterns.managerToVp, flags: ignoreCase }, points: 15 },
    { id: 'target-geography', field: 'country', condition: { in: targetCountries }, points: 10 },
    { id: 'complementary-tool', field: 'tech_stack', condition: { regex: complementaryToolsPattern, flags: ignoreCase }, points: 10 },
  ],
  engagement: [
    { id: 'demo-or-trial', event: 'form_fill', detail: { in: ['demo-request', 'free-trial'] }, points: 25 },
    { id: 'pricing-page', ...pricingPage, points: 15 },
    { id: 'case-study', event: 'page_view', detail: { prefix: '/case-studies' }, points: 10 },
    { id: 'webinar', event: 'webinar_attended', points: 10 },
    { id: 'email-clicks-3x', event: 'email_click', minCount: 3, points: 10 },
    { id: 'blog-pages-5x', event: 'page_view', detail: { prefix: '/blog' }, minCount: 5, points: 10 },
  ],
  negative: [
    personalEmail,
    { id: 'no-engagement-30d', inactiveDays: 30, points: -10 },
    competitorDomain,
    { id: 'student-or-intern', field: 'title', condition: { regex: titlePatterns.studentOrIntern, flags: ignoreCase }, points: -25 },
  ],
};

export const templates: Record<TemplateName, ScoringModel> = { plg, enterprise, midmarket };

export const isTemplateName = (name: string): name is TemplateName => (templateNames as readonly string[]).includes(name);
