/**
 * Every definition the pipeline report uses, shown on its page; docs/pipeline.md says the same
 * (a test keeps each term there).
 */
export const pipelineDefinitions: { term: string; text: string }[] = [
  {
    term: 'Deal stages',
    text: 'Each CRM stage value is mapped to an open stage of dealStages (Qualified → Discovery → Demo/Evaluation → Proposal → Negotiation) or to Closed Won / Closed Lost; a value no stage names reaches no stage and is named in the warnings.',
  },
  {
    term: 'Stage reached',
    text: 'Among deals created in the window, those that entered the stage or a later one by the as-of: a skipped stage counts as passed (shown as implied by a skip). Every deal reaches the first stage; a won deal reaches them all.',
  },
  { term: 'Where deals die', text: 'Deals of the cohort closed lost, by the furthest open stage they reached.' },
  {
    term: 'Time in stage',
    text: 'Days from entering a stage to leaving it, over the stays entered in the window. Stays still open at the as-of are censored: the median and p90 are Kaplan–Meier estimates (blank while open stays keep more than half, or a tenth, still in the stage); the median of ended stays and of open stays so far are shown beside them.',
  },
  {
    term: 'Win rate',
    text: 'Won ÷ (won + lost) over the deals that closed in the window and are still closed at the as-of (a reopened deal is open); open deals are neither. By amount: won amount ÷ (won + lost amount). 95% Wilson intervals.',
  },
  { term: 'Sales cycle', text: 'Days from the deal’s creation to its entry into Closed Won, over the deals won in the window: median and p90.' },
  {
    term: 'Velocity',
    text: 'Open deals at the as-of × average won deal size × win rate ÷ average cycle days, in money per day; win rate, size and cycle come from the deals closed in the trailing window (default the 12 months before the as-of).',
  },
  {
    term: 'Open pipeline',
    text: 'Deals open at the as-of by stage and age (days since created). The amount sums the deals with an amount; a deal without one is counted apart, never as 0.',
  },
  {
    term: 'Stale deal',
    text: 'An open deal whose time in its current stage exceeds the stage’s multiplier (default 2) × the median time the deals won in the trailing window spent in that stage (slow stage), or that sits in a mid or late stage (default Demo/Evaluation, Proposal, Negotiation) with no stage, amount or close-date change for more than the no-change days (default 14) (no change). A snoozed deal (a resume date after the as-of) is flagged by neither.',
  },
  {
    term: 'Close-date push',
    text: 'Every move of a deal’s close date to a later date in the window; moves into a later month and into a later quarter are counted apart. Deals pushed twice or more are listed for forecast review.',
  },
  {
    term: 'Waterfall',
    text: 'Open deals with a close date in the period at the first instant (start), then: + new (created or reopened since, or from another pipeline) + pulled in (close date moved into the period) + increased − won − lost − pushed out (close date moved past the period) − pulled out (close date moved before it or cleared) − decreased = open deals with a close date in the period at the second instant (end). Summed in whole cents; stage moves change no value and are counted apart.',
  },
  {
    term: 'Coverage',
    text: 'Open qualified pipeline (open deals in a stage of dealStages) with a close date in the quota period ÷ the quota still to close in it (quota − won in the period); the coverage needed is 1 ÷ the trailing win rate.',
  },
];
