import type { RegionThresholds } from '../regions';
import { squareMetresToMu } from '../units';
import { CITATIONS, type RuleInput, type RuleVerdict, roundTo } from './reason';

/**
 * 零星用地: "城镇中的边角地、夹心地、插花地等难以独立开发的低效零星土地" (003 §9). Whether a plot can be
 * developed alone is a planner's judgement (the `leftoverPlot` flag); the area cap is a local
 * setting (no text gives one) that keeps a large parcel flagged by mistake out of the category.
 */
export function leftoverPlotRule(record: RuleInput, thresholds: RegionThresholds): RuleVerdict {
  if (record.facts.leftoverPlot !== true) return { kind: 'no-match', reasons: [] };
  if (!(record.areaM2 > 0)) {
    return { kind: 'undecided', missing: [{ field: 'areaM2', rule: 'leftover-plot' }], reasons: [] };
  }
  const mu = roundTo(squareMetresToMu(record.areaM2), 2);
  const maximumMu = thresholds.leftoverMaxMu;
  if (mu > maximumMu) {
    return {
      kind: 'no-match',
      reasons: [{ code: 'leftover-too-large', citation: CITATIONS.leftover, params: { mu, maximumMu } }],
    };
  }
  return {
    kind: 'match',
    category: 'leftover',
    reasons: [{ code: 'leftover-plot', citation: CITATIONS.leftover, params: { mu, maximumMu } }],
  };
}
