/** Chart builders: aggregated rows in, Vega-Lite spec out. Pure functions, no rendering here. */
export { barChart, type BarChartOptions } from './bar.js';
export { curveChart, type CurveChartOptions } from './curve.js';
export { funnelChart, type FunnelChartOptions, type FunnelStage } from './funnel.js';
export { heatmap, hoursOfDay, weekdays, type HeatmapOptions } from './heatmap.js';
export { lineChart, type LineChartOptions } from './line.js';
export { waterfallChart, type WaterfallStep } from './waterfall.js';
export { rateBarChart, smallGroupSize, type RateBar, type RateBarChartOptions } from './rateBar.js';
export { expectedBarChart, type ExpectedBarChartOptions } from './expectedBar.js';
