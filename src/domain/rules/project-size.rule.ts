import type { RegionThresholds } from '../regions';
import { squareMetresToMu } from '../units';
import { CITATIONS, type Reason, type RuleInput, roundTo } from './reason';

/**
 * A flag, not a category: an industrial project's land above the cap (003 §3 "单个项目用地规模原则上
 * 控制在100亩以内", except 省、市重点项目 or special processes) or, in Ningxia, 100 亩 and more needing
 * a justification of its size (004 §(十) "用地面积100亩以上的工业项目 … 论证"). 以内/以上 both include
 * the number itself, hence `projectMuLimitInclusive`. The area is compared at the reporting
 * precision of 0.01 亩, so a parcel reported as 100.00 亩 is treated as exactly 100 亩.
 */
export function projectSizeRule(record: RuleInput, thresholds: RegionThresholds): Reason | undefined {
  const maximumMu = thresholds.maxProjectMu;
  if (maximumMu === null || record.facts.industrial !== true || record.facts.keyProject === true)
    return undefined;
  const mu = roundTo(squareMetresToMu(record.areaM2), 2);
  const inclusive = thresholds.projectMuLimitInclusive;
  const flagged = inclusive ? mu >= maximumMu : mu > maximumMu;
  if (!flagged) return undefined;
  return {
    code: 'project-too-large',
    citation: inclusive ? CITATIONS.projectSizeNingxia : CITATIONS.projectSizeChenzhou,
    params: { mu, operator: inclusive ? '≥' : '>', maximumMu },
  };
}
