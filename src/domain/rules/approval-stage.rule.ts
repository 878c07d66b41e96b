import type { IsoDate } from '../parcel';
import type { RegionThresholds } from '../regions';
import { squareMetresToMu } from '../units';
import { addYears } from './iso-date';
import { CITATIONS, type Reason, type RuleInput, type RuleVerdict, roundTo } from './reason';

/**
 * 批而未征 / 批而未供: land approved for conversion or expropriation and not (fully) supplied. Run
 * first for every record with a 批准日期; a fully supplied record passes on to the post-supply rules.
 *
 * Events (征收, 供地) count as happened when their date is on or before `today`; an empty event
 * date means the event has not happened. Quantities are different: a partly supplied batch needs
 * its 批准面积 to give the remainder, and is undecided without it.
 */
export function approvalStageRule(
  record: RuleInput,
  today: IsoDate,
  thresholds: RegionThresholds,
): RuleVerdict {
  const facts = record.facts;
  const approvalDate = facts.approvalDate;
  if (approvalDate === undefined || approvalDate > today) return { kind: 'no-match', reasons: [] };

  const supplied = facts.suppliedAreaM2;
  const approved = facts.approvedAreaM2;
  if (supplied !== undefined && supplied > 0) {
    if (approved === undefined) {
      return {
        kind: 'undecided',
        missing: [{ field: 'approvedAreaM2', rule: 'approval-stage' }],
        reasons: [],
      };
    }
    const remainder = approved - supplied;
    if (remainder <= 0) return { kind: 'no-match', reasons: [] };
    // Partly supplied batch: 批而未供面积 = 批准面积 − 已供面积 (DOMAIN.md; 000 §三(二)).
    return {
      kind: 'match',
      category: 'approved-not-supplied',
      stockAreaM2: remainder,
      reasons: [
        {
          code: 'partly-supplied',
          citation: CITATIONS.approvedNotSupplied,
          params: {
            approvedMu: roundTo(squareMetresToMu(approved), 2),
            suppliedMu: roundTo(squareMetresToMu(supplied), 2),
            remainderMu: roundTo(squareMetresToMu(remainder), 2),
          },
        },
      ],
    };
  }
  if (facts.supplyDate !== undefined && facts.supplyDate <= today) return { kind: 'no-match', reasons: [] };

  const stockAreaM2 = approved ?? record.areaM2;
  const expropriated = facts.expropriationDate !== undefined && facts.expropriationDate <= today;
  if (expropriated) {
    return {
      kind: 'match',
      category: 'approved-not-supplied',
      stockAreaM2,
      reasons: [
        {
          code: 'approved-not-supplied',
          citation: CITATIONS.approvedNotSupplied,
          params: { approvalDate, remainderMu: roundTo(squareMetresToMu(stockAreaM2), 2) },
        },
      ],
    };
  }

  const reasons: Reason[] = [
    {
      code: 'approved-not-expropriated',
      citation: CITATIONS.approvedNotExpropriated,
      params: { approvalDate },
    },
  ];
  // 001 §三(一)四: "两年内未用地或未实施征地补偿安置方案的，有关批准文件自动失效". Counting as
  // 民法典 第二百零一条 does (the approval day is not counted), the two years end with the second
  // anniversary; the approval has lapsed from the day after.
  const lastValidDay = addYears(approvalDate, thresholds.approvalLapseYears);
  if (lastValidDay !== undefined && today > lastValidDay) {
    reasons.push({
      code: 'approval-lapsed',
      citation: CITATIONS.approvalLapse,
      params: { approvalDate, years: thresholds.approvalLapseYears, lastValidDay },
    });
  }
  return { kind: 'match', category: 'approved-not-expropriated', stockAreaM2, reasons };
}
