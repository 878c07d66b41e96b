import type { IsoDate } from '../parcel';
import { formatRatio, isBelowRatio, type RegionThresholds } from '../regions';
import { addYears } from './iso-date';
import {
  CITATIONS,
  formatShare,
  type Missing,
  type Reason,
  type RuleInput,
  type RuleVerdict,
} from './reason';

/**
 * 供而未用 / 闲置土地 for supplied land (闲置土地处置办法 第二条, 国土资源部令第53号):
 * (a) "超过 … 约定、规定的动工开发日期满一年未动工开发": counted as 民法典 第二百零一条 counts
 *     periods (the agreed day itself is not counted), the year ends with the anniversary day, and
 *     "超过" it means from the day after. So agreed 2023-03-01 → still 供而未用 on 2024-03-01, idle
 *     on 2024-03-02.
 * (b) started, "开发建设用地面积占 … 总面积不足三分之一或者已投资额占总投资额不足百分之二十五，中止
 *     开发建设满一年": "不足" is strictly below (exactly 1/3 or 25 % is not idle); "满一年" has no
 *     "超过", so the anniversary of the stop date already counts.
 * The developed share is measured against the parcel's area (the land due for development).
 * Used by suggestCategory for every supplied record.
 */
export function idleLandRule(record: RuleInput, today: IsoDate, thresholds: RegionThresholds): RuleVerdict {
  const facts = record.facts;
  const started =
    (facts.actualStartDate !== undefined && facts.actualStartDate <= today) ||
    (facts.completionDate !== undefined && facts.completionDate <= today);

  if (!started) {
    const agreedStartDate = facts.agreedStartDate;
    if (agreedStartDate === undefined) {
      return { kind: 'undecided', missing: [{ field: 'agreedStartDate', rule: 'idle-land' }], reasons: [] };
    }
    const years = thresholds.idleYearsNotStarted;
    const lastDay = addYears(agreedStartDate, years);
    if (lastDay !== undefined && today > lastDay) {
      return {
        kind: 'match',
        category: 'idle',
        reasons: [
          {
            code: 'idle-not-started',
            citation: CITATIONS.idleDefinition,
            params: { agreedStartDate, years },
          },
          ...idlePenaltyReasons(record, agreedStartDate, true, today, thresholds),
        ],
      };
    }
    return {
      kind: 'match',
      category: 'supplied-not-used',
      reasons: [
        { code: 'supplied-not-used', citation: CITATIONS.idleDefinition, params: { agreedStartDate, years } },
      ],
    };
  }

  if (facts.completionDate !== undefined && facts.completionDate <= today) {
    return {
      kind: 'no-match',
      reasons: [{ code: 'completed', params: { completionDate: facts.completionDate } }],
    };
  }
  const stopDate = facts.stopDate;
  if (stopDate === undefined || stopDate > today) {
    return {
      kind: 'no-match',
      reasons: [{ code: 'under-construction', params: { actualStartDate: facts.actualStartDate ?? '' } }],
    };
  }

  const reasons: Reason[] = [];
  const missing: Missing[] = [];
  const developedLow = developedShareLow(record, thresholds, reasons, missing);
  const investmentLow = investmentShareLow(record, thresholds, reasons, missing);
  if (developedLow !== true && investmentLow !== true) {
    if (missing.length > 0) return { kind: 'undecided', missing, reasons };
    return {
      kind: 'no-match',
      reasons: [{ code: 'development-sufficient', citation: CITATIONS.idleDefinition, params: {} }],
    };
  }

  const years = thresholds.idleYearsStopped;
  const anniversary = addYears(stopDate, years);
  if (anniversary !== undefined && today >= anniversary) {
    reasons.push({ code: 'idle-stopped', citation: CITATIONS.idleDefinition, params: { stopDate, years } });
    reasons.push(...idlePenaltyReasons(record, stopDate, false, today, thresholds));
    return { kind: 'match', category: 'idle', reasons };
  }
  reasons.push({
    code: 'stopped-not-yet-idle',
    citation: CITATIONS.idleDefinition,
    params: { stopDate, years },
  });
  return { kind: 'no-match', reasons };
}

function developedShareLow(
  record: RuleInput,
  thresholds: RegionThresholds,
  reasons: Reason[],
  missing: Missing[],
): boolean | undefined {
  const developed = record.facts.developedAreaM2;
  if (developed === undefined) {
    missing.push({ field: 'developedAreaM2', rule: 'idle-land' });
    return undefined;
  }
  if (!(record.areaM2 > 0)) {
    missing.push({ field: 'areaM2', rule: 'idle-land' });
    return undefined;
  }
  const low = isBelowRatio(developed, record.areaM2, thresholds.idleDevelopedShare);
  if (low) {
    reasons.push({
      code: 'developed-share-low',
      citation: CITATIONS.idleDefinition,
      params: {
        developedShare: formatShare(developed, record.areaM2),
        threshold: formatRatio(thresholds.idleDevelopedShare),
      },
    });
  }
  return low;
}

function investmentShareLow(
  record: RuleInput,
  thresholds: RegionThresholds,
  reasons: Reason[],
  missing: Missing[],
): boolean | undefined {
  const { totalInvestment, investedAmount } = record.facts;
  if (totalInvestment === undefined || !(totalInvestment > 0))
    missing.push({ field: 'totalInvestment', rule: 'idle-land' });
  if (investedAmount === undefined) missing.push({ field: 'investedAmount', rule: 'idle-land' });
  if (totalInvestment === undefined || !(totalInvestment > 0) || investedAmount === undefined)
    return undefined;
  const low = isBelowRatio(investedAmount, totalInvestment, thresholds.idleInvestmentShare);
  if (low) {
    reasons.push({
      code: 'investment-share-low',
      citation: CITATIONS.idleDefinition,
      params: {
        investmentShare: formatShare(investedAmount, totalInvestment),
        threshold: formatRatio(thresholds.idleInvestmentShare),
      },
    });
  }
  return low;
}

/**
 * Consequences of idleness by cause. 闲置土地处置办法 第十四条 counts both steps from the same
 * clock as the idle test itself ("未动工开发满一年" → 闲置费 20 %; "满两年" → 无偿收回), so "满 2 年"
 * means two years past the agreed start (or the stop date), not two years after being declared
 * idle. `strict` carries the "超过" of case (a) over to the two-year step.
 */
function idlePenaltyReasons(
  record: RuleInput,
  clockStart: IsoDate,
  strict: boolean,
  today: IsoDate,
  thresholds: RegionThresholds,
): Reason[] {
  const cause = record.idleCause;
  if (cause === undefined) return [{ code: 'idle-cause-unknown', params: {} }];
  if (cause === 'government') {
    // 闲置土地处置办法 第八条 (causes), 第十二条 (options); 003 §5.
    return [{ code: 'idle-government', citation: CITATIONS.idleGovernment, params: {} }];
  }
  const reasons: Reason[] = [
    {
      code: 'idle-fee',
      citation: CITATIONS.idleFee,
      params: { years: thresholds.idleYearsNotStarted, feeShare: formatRatio(thresholds.idleFeeShare) },
    },
  ];
  const recoveryDay = addYears(clockStart, thresholds.idleFreeRecoveryYears);
  const recoverable = recoveryDay !== undefined && (strict ? today > recoveryDay : today >= recoveryDay);
  if (recoverable) {
    reasons.push({
      code: 'idle-free-recovery',
      citation: CITATIONS.idleFreeRecovery,
      params: { years: thresholds.idleFreeRecoveryYears },
    });
    // 001 §三(三)二.3: seized land is recovered only once the court swaps the seized asset.
    if (record.facts.courtSeized === true) {
      reasons.push({ code: 'idle-court-seized', citation: CITATIONS.idleCourtSeized, params: {} });
    }
  }
  return reasons;
}
