-- backtest_metrics: everything a backtest reports for one model on one partition, in one pass
-- over the scored leads (docs/scoring-backtest.md, "Metrics").
-- Grain: one row. Counts only; rates and intervals are derived in src/scoring/backtestRates.ts.
-- {{scores}} is a scoreAsOf table (validated identifier). Parameters: $partition, $fit_minimum,
-- $engagement_minimum.
with scored as (
    select c.lead_id, c.won, s.score, s.flagged,
           s.fit_points >= coalesce($fit_minimum::double, '-infinity'::double)
             and s.engagement_points >= coalesce($engagement_minimum::double, '-infinity'::double) as meets_minimums
    from backtest_split c
    join {{scores}} s on s.lead_id = c.lead_id and s.decided_at = c.decided_at
    where c.partition = $partition and c.status = 'resolved'
),

totals as (
    select count(*)::integer as resolved,
           count(*) filter (where won)::integer as positives,
           count(*) filter (where flagged)::integer as flagged,
           count(*) filter (where flagged and won)::integer as true_positives
    from scored
),

-- one row per distinct score: the sweep and the ranks both walk these in score order
by_score as (
    select score,
           count(*)::integer as leads,
           count(*) filter (where won)::integer as wins,
           count(*) filter (where meets_minimums)::integer as flaggable,
           count(*) filter (where meets_minimums and won)::integer as flaggable_wins
    from scored
    group by score
),

-- ascending ranks with ties averaged: a tie group holds ranks below+1 .. below+leads
ranked as (
    select *, coalesce(sum(leads) over (order by score rows between unbounded preceding and 1 preceding), 0)
              + (leads + 1) / 2.0 as average_rank
    from by_score
),

-- Mann–Whitney: AUC = (sum of the wins' ranks − P(P+1)/2) ÷ (P × N); P(P+1) in a double, as it
-- passes 2^31 past 46,340 won leads (exact up to P of about 9e7)
auc as (
    select (sum(r.wins * r.average_rank) - any_value(t.positives)::double * (any_value(t.positives) + 1) / 2.0)
           / (any_value(t.positives)::double * (any_value(t.resolved) - any_value(t.positives))) as auc
    from ranked r
    cross join totals t
    where t.positives > 0 and t.positives < t.resolved
),

-- threshold = each distinct score: flagged = leads at or above it that meet the minimums
sweep as (
    select score as threshold,
           cast(sum(flaggable) over w as integer) as flagged,
           cast(sum(flaggable_wins) over w as integer) as true_positives
    from by_score
    where flaggable > 0
    window w as (order by score desc rows between unbounded preceding and current row)
),

-- deciles by score, highest first; ties are split by lead id so deciles are equal-sized
decile_members as (
    select ntile(10) over (order by score desc, lead_id) as decile, score, won
    from scored
),

deciles as (
    select decile::integer as decile, count(*)::integer as leads, count(*) filter (where won)::integer as wins,
           min(score) as min_score, max(score) as max_score
    from decile_members
    group by decile
),

final as (
    select t.*,
           (select auc from auc) as auc,
           coalesce((select list({'threshold': threshold, 'flagged': flagged, 'true_positives': true_positives}
                                 order by threshold desc) from sweep), []) as sweep,
           coalesce((select list({'decile': decile, 'leads': leads, 'wins': wins, 'min_score': min_score, 'max_score': max_score}
                                 order by decile) from deciles), []) as deciles
    from totals t
)

select * from final
