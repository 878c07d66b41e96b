import { INEFFICIENT_TYPES, type InefficientType } from '../parcel';
import { formatRatio, isAboveRatio, type RegionThresholds } from '../regions';
import { CITATIONS, formatShare, type Reason, type RuleInput, type RuleVerdict } from './reason';

const isInefficientType = (code: string): code is InefficientType =>
  (INEFFICIENT_TYPES as readonly string[]).includes(code);

/**
 * 低效用地: a person's finding (prohibited industry, zombie enterprise, old town/factory/village …;
 * 003 §6, 004 §(十三)) or a measured indicator below the regional standard. Indicators are only
 * judged when measured: a missing FAR is not a failure, because inefficiency needs a finding.
 * - 容积率 below the park-level minimum: "国家级园区产业项目容积率不低于1.5、省级园区不低于1.2"
 *   (003 §3); "不低于" means exactly the minimum passes.
 * - 行政办公及生活服务设施用地 above 7 % of an industrial project's land: "不超过7%" (004 §(十一));
 *   exactly 7 % passes.
 * Used by suggestCategory after the idle rules, and for land with no approval or supply history.
 */
export function inefficientLandRule(record: RuleInput, thresholds: RegionThresholds): RuleVerdict {
  const facts = record.facts;
  const reasons: Reason[] = [];
  let declared: InefficientType | undefined;
  if (facts.inefficientReason !== undefined && facts.inefficientReason !== '') {
    declared = isInefficientType(facts.inefficientReason) ? facts.inefficientReason : 'other';
    reasons.push({
      code: 'inefficient-declared',
      citation: CITATIONS.inefficient,
      params: { inefficientType: declared },
    });
  }

  const parkLevel = facts.parkLevel;
  const ratio = facts.floorAreaRatio;
  if ((parkLevel === 'national' || parkLevel === 'provincial') && ratio !== undefined) {
    const minimum = thresholds.minFloorAreaRatio[parkLevel];
    if (minimum !== null && ratio < minimum) {
      reasons.push({
        code: 'far-below-minimum',
        citation: CITATIONS.floorAreaRatio,
        params: { value: ratio, minimum, parkLevel },
      });
    }
  }

  const admin = facts.adminFacilityAreaM2;
  const maxAdmin = thresholds.maxAdminFacilityShare;
  if (facts.industrial === true && admin !== undefined && maxAdmin !== null && record.areaM2 > 0) {
    if (isAboveRatio(admin, record.areaM2, maxAdmin)) {
      reasons.push({
        code: 'admin-share-exceeded',
        citation: CITATIONS.adminShare,
        params: { adminShare: formatShare(admin, record.areaM2), maximum: formatRatio(maxAdmin) },
      });
    }
  }

  if (reasons.length === 0) return { kind: 'no-match', reasons };
  return { kind: 'match', category: 'inefficient', subType: declared ?? 'below-indicators', reasons };
}
