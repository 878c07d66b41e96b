import { type ChangeLogEntry, changesByParcel } from '../change-log';
import type { IsoDate } from '../parcel';
import { isBelowRatio, type Ratio, type RegionTargets } from '../regions';
import type { RateIndicator } from './disposal-rate';
import { type HistoryInput, startOfDayInChina, stateAt } from './record-history';

/** 近五年平均供地率 at the mid-year and the year-end assessment. */
export interface SupplyRateIndicator {
  /** Years of approvals counted, e.g. [2019, 2023]. */
  approvalYears: readonly [number, number];
  midYear: RateIndicator;
  yearEnd: RateIndicator;
}

/**
 * 近五年平均供地率 (001 §二, §四(四)): area supplied ÷ area approved, over the approvals of the five
 * years before the assessed year (the assessment of 2024 counts approvals of 2019–2023; the year
 * being assessed is left out because its approvals have had no time to be supplied). Assessed twice
 * (001 §四(四) "每半年"): on 30 June against 60 % and on 31 December against 66 %; below either
 * triggers rectification. Supply is read from the facts as they stood on each date (replayed from
 * the change log): 已供面积 when given, else the whole 批准面积 once a 供地日期 has passed.
 */
export function fiveYearSupplyRate(
  records: Iterable<HistoryInput>,
  changes: Iterable<ChangeLogEntry>,
  year: number,
  targets: RegionTargets,
): SupplyRateIndicator {
  const byParcel = changesByParcel(changes);
  const first = year - targets.supplyRateWindowYears;
  const last = year - 1;
  const list = [...records];
  const measure = (asOf: IsoDate, nextDay: IsoDate, target: Ratio): RateIndicator => {
    const instant = startOfDayInChina(nextDay);
    let partM2 = 0;
    let wholeM2 = 0;
    let count = 0;
    for (const record of list) {
      const { facts, areaM2 } = stateAt(record, byParcel.get(record.id), instant);
      const approvalDate = facts.approvalDate;
      if (approvalDate === undefined) continue;
      const approvalYear = Number(approvalDate.slice(0, 4));
      if (approvalYear < first || approvalYear > last) continue;
      const approved = facts.approvedAreaM2 ?? areaM2;
      let supplied = facts.suppliedAreaM2;
      if (supplied === undefined)
        supplied = facts.supplyDate !== undefined && facts.supplyDate <= asOf ? approved : 0;
      wholeM2 += approved;
      partM2 += Math.min(Math.max(0, supplied), approved);
      count += 1;
    }
    return {
      partM2,
      wholeM2,
      rate: wholeM2 > 0 ? partM2 / wholeM2 : null,
      target,
      met: wholeM2 > 0 ? !isBelowRatio(partM2, wholeM2, target) : null,
      count,
    };
  };
  return {
    approvalYears: [first, last],
    midYear: measure(`${year}-06-30`, `${year}-07-01`, targets.fiveYearSupplyRateMidYear),
    yearEnd: measure(`${year}-12-31`, `${year + 1}-01-01`, targets.fiveYearSupplyRate),
  };
}
