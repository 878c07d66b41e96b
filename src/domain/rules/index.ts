export { approvalStageRule } from './approval-stage.rule';
export { formatReason, formatUndecided } from './format-reason';
export { idleLandRule } from './idle-land.rule';
export { inefficientLandRule } from './inefficient-land.rule';
export { addDays, addYears, isIsoDate, isLeapYear, parseIsoDate, wholeYearsBetween } from './iso-date';
export { leftoverPlotRule } from './leftover-plot.rule';
export { projectSizeRule } from './project-size.rule';
export type {
  Missing,
  MissingField,
  Reason,
  ReasonParams,
  RuleId,
  RuleInput,
  RuleVerdict,
  Suggestion,
} from './reason';
export { CITATIONS } from './reason';
export { type ProposedChange, type RerunInput, rerunRules } from './rerun-rules';
export { ruralStockRule } from './rural-stock.rule';
export { suggestCategory } from './suggest-category';
