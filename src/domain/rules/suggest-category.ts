import type { IsoDate } from '../parcel';
import type { RegionThresholds } from '../regions';
import { approvalStageRule } from './approval-stage.rule';
import { idleLandRule } from './idle-land.rule';
import { inefficientLandRule } from './inefficient-land.rule';
import { leftoverPlotRule } from './leftover-plot.rule';
import { projectSizeRule } from './project-size.rule';
import type { Missing, Reason, RuleInput, RuleVerdict, Suggestion } from './reason';
import { ruralStockRule } from './rural-stock.rule';

/**
 * Suggests a parcel's stock-land category from its facts and today's date, with the reasons and
 * policy sections behind it. Shown in the inspector beside the current tag and used by "re-run all
 * rules". Never throws and never guesses: a missing fact yields 'unclassified' and the facts needed.
 *
 * Order: collective land (003 §8) → leftover plots (003 §9) → the approval stage (批而未征/批而未供,
 * 001 §三(一)) → supplied land (供而未用/闲置, 闲置土地处置办法 第二条) → inefficiency (003 §3, §6;
 * 004 §(十一)) → not stock land. The project-size flag (003 §3, 004 §(十)) is added to any outcome.
 */
export function suggestCategory(record: RuleInput, today: IsoDate, region: RegionThresholds): Suggestion {
  const carried: Reason[] = [];
  const sizeFlag = projectSizeRule(record, region);
  const finish = (verdict: RuleVerdict): Suggestion => {
    const reasons = [...carried, ...verdict.reasons];
    if (sizeFlag !== undefined) reasons.push(sizeFlag);
    if (verdict.kind === 'undecided') {
      return { category: 'unclassified', stockAreaM2: 0, reasons, undecided: verdict.missing };
    }
    if (verdict.kind === 'no-match') {
      return { category: 'not-stock', stockAreaM2: 0, reasons, undecided: [] };
    }
    const suggestion: Suggestion = {
      category: verdict.category,
      stockAreaM2: verdict.stockAreaM2 ?? record.areaM2,
      reasons,
      undecided: [],
    };
    if (verdict.subType !== undefined) suggestion.subType = verdict.subType;
    if (verdict.category === 'idle') {
      if (record.idleCause === undefined)
        suggestion.undecided.push({ field: 'idleCause', rule: 'idle-penalty' });
      else suggestion.idleCause = record.idleCause;
    }
    return suggestion;
  };

  const facts = record.facts;
  if (facts.rural === true) return finish(ruralStockRule(record));

  if (facts.leftoverPlot === true) {
    const leftover = leftoverPlotRule(record, region);
    if (leftover.kind !== 'no-match') return finish(leftover);
    carried.push(...leftover.reasons);
  }

  const approval = approvalStageRule(record, today, region);
  if (approval.kind !== 'no-match') return finish(approval);

  const supplied =
    (facts.supplyDate !== undefined && facts.supplyDate <= today) || (facts.suppliedAreaM2 ?? 0) > 0;
  if (supplied) {
    const idle = idleLandRule(record, today, region);
    if (idle.kind === 'match') return finish(idle);
    if (idle.kind === 'undecided') {
      // A declared or measured inefficiency still decides the category while idle facts are open.
      const inefficient = inefficientLandRule(record, region);
      return finish(inefficient.kind === 'match' ? inefficient : idle);
    }
    carried.push(...idle.reasons);
  }

  const inefficient = inefficientLandRule(record, region);
  if (inefficient.kind === 'match') return finish(inefficient);

  if (supplied) {
    return finish({ kind: 'no-match', reasons: [{ code: 'not-stock', params: {} }] });
  }
  // No approval, no supply and nothing found: without the land's history nothing can be said.
  const missing: Missing[] = [
    { field: 'approvalDate', rule: 'stock-land' },
    { field: 'supplyDate', rule: 'stock-land' },
  ];
  return finish({ kind: 'undecided', missing, reasons: [] });
}
