export { disposalRate, type RateIndicator } from './disposal-rate';
export { type GroupInput, type Grouping, type GroupRow, groupKeys, groupRecords } from './group-by';
export { type QuarterProgress, quarterlyProgress } from './quarterly-progress';
export { type HistoryInput, type RecordState, startOfDayInChina, stateAt, stockArea } from './record-history';
export { fiveYearSupplyRate, type SupplyRateIndicator } from './supply-rate';
