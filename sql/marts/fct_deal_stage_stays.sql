-- fct_deal_stage_stays: one row per stay of a deal in a stage (int_deal__stage_stays), as a table.
-- Grain: opportunity_id × entered_at. Time in stage, stage reached, closes and reopenings read it.
select * from int_deal__stage_stays
