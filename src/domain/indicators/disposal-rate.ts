import { type ChangeLogEntry, changesByParcel } from '../change-log';
import type { Category } from '../parcel';
import { isBelowRatio, type Ratio, type RegionTargets } from '../regions';
import { type HistoryInput, startOfDayInChina, stateAt, stockArea } from './record-history';

/** A rate with the numbers behind it and whether it meets its target. */
export interface RateIndicator {
  /** Numerator, m². */
  partM2: number;
  /** Denominator, m². */
  wholeM2: number;
  /** part ÷ whole, or null when the whole is 0 (nothing to dispose: no rate, not 0 %). */
  rate: number | null;
  target: Ratio;
  met: boolean | null;
  /** Parcels counted in the denominator. */
  count: number;
}

const inStock = (status: string): boolean => status !== 'disposed' && status !== 'revoked';

/**
 * 批而未供土地处置率 / 闲置土地处置率 of a year (000 §二; 003 §4): area disposed in the year ÷ the
 * category's stock at the start of the year (1 January, Beijing time). Both sides come from the
 * start-of-year stock, replayed from the change log:
 * - a parcel of the category, not 已处置/已撤销 at the start, and 已处置 at the end of the year counts
 *   with its whole start-of-year stock area;
 * - a partly supplied 批而未供 batch still in stock at the end counts the fall of its remainder
 *   (批准面积 − 已供面积) during the year;
 * - 已撤销 (approval withdrawn) counts as disposed for 批而未供 (003 §4 "撤销一批") but not for idle land.
 * Stock that appears during the year is not in the base and so not in the rate.
 */
export function disposalRate(
  category: Extract<Category, 'approved-not-supplied' | 'idle'>,
  records: Iterable<HistoryInput>,
  changes: Iterable<ChangeLogEntry>,
  year: number,
  targets: RegionTargets,
): RateIndicator {
  const target = category === 'idle' ? targets.idleDisposalRate : targets.approvedNotSuppliedDisposalRate;
  const byParcel = changesByParcel(changes);
  const start = startOfDayInChina(`${year}-01-01`);
  const end = startOfDayInChina(`${year + 1}-01-01`);
  let partM2 = 0;
  let wholeM2 = 0;
  let count = 0;
  for (const record of records) {
    const history = byParcel.get(record.id);
    const before = stateAt(record, history, start);
    if (before.category !== category || !inStock(before.status)) continue;
    const area = stockArea(before);
    wholeM2 += area;
    count += 1;
    const after = stateAt(record, history, end);
    const disposed =
      after.status === 'disposed' || (after.status === 'revoked' && category === 'approved-not-supplied');
    if (disposed) partM2 += area;
    else if (category === 'approved-not-supplied' && after.category === category) {
      partM2 += Math.max(0, area - stockArea(after));
    }
  }
  const rate = wholeM2 > 0 ? partM2 / wholeM2 : null;
  return {
    partM2,
    wholeM2,
    rate,
    target,
    met: wholeM2 > 0 ? !isBelowRatio(partM2, wholeM2, target) : null,
    count,
  };
}
