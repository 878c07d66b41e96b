import { type ChangeLogEntry, changesByParcel } from '../change-log';
import type { IsoDate } from '../parcel';
import { isBelowRatio, type Ratio, type RegionTargets } from '../regions';
import { addDays } from '../rules/iso-date';
import { type HistoryInput, startOfDayInChina, stateAt, stockArea } from './record-history';

/** Progress of one quarter against its target share of the year's task. */
export interface QuarterProgress {
  quarter: 1 | 2 | 3 | 4;
  /** Last day of the quarter. */
  endDate: IsoDate;
  /** Area revitalised from 1 January to the end of the quarter (or to `today` while it runs), m². */
  doneM2: number;
  /** doneM2 ÷ task, or null without a task. */
  share: number | null;
  target: Ratio;
  /** null while the quarter has not ended (or without a task): not yet judged. */
  met: boolean | null;
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'] as const;
const NEXT_DAYS = (year: number) => [`${year}-04-01`, `${year}-07-01`, `${year}-10-01`, `${year + 1}-01-01`];

/**
 * Quarterly control of the year's revitalisation task (000 §三(五): "按完成15%、40%、75%、100%的进度
 * 实施季度管控"). The task (盘活存量土地任务, in m²) is set by the province each year, so it is an
 * input. Revitalised area = stock area (as it stood on 1 January) of parcels that were stock then and
 * are 已处置 at the quarter's end, plus the fall of the remainder of partly supplied 批而未供 batches —
 * the same counting as disposalRate, over all stock categories.
 */
export function quarterlyProgress(
  records: Iterable<HistoryInput>,
  changes: Iterable<ChangeLogEntry>,
  year: number,
  taskM2: number,
  targets: RegionTargets,
  today: IsoDate,
): QuarterProgress[] {
  const byParcel = changesByParcel(changes);
  const start = startOfDayInChina(`${year}-01-01`);
  const stock = [...records]
    .map((record) => ({
      record,
      history: byParcel.get(record.id),
      before: stateAt(record, byParcel.get(record.id), start),
    }))
    .filter(
      ({ before }) =>
        before.category !== 'not-stock' &&
        before.category !== 'unclassified' &&
        before.status !== 'disposed' &&
        before.status !== 'revoked',
    );
  const nextDays = NEXT_DAYS(year);
  return QUARTER_ENDS.map((monthDay, index) => {
    const endDate = `${year}-${monthDay}`;
    const ended = today >= endDate;
    const nextDay = nextDays[index] ?? `${year + 1}-01-01`;
    const cutoff = ended ? nextDay : (addDays(today, 1) ?? nextDay);
    const instant = startOfDayInChina(cutoff);
    let doneM2 = 0;
    for (const { record, history, before } of stock) {
      const after = stateAt(record, history, instant);
      const area = stockArea(before);
      if (after.status === 'disposed') doneM2 += area;
      else if (before.category === 'approved-not-supplied' && after.category === 'approved-not-supplied') {
        doneM2 += Math.max(0, area - stockArea(after));
      }
    }
    const target = targets.quarterlyProgress[index] ?? { numerator: 100, denominator: 100 };
    const share = taskM2 > 0 ? doneM2 / taskM2 : null;
    return {
      quarter: (index + 1) as 1 | 2 | 3 | 4,
      endDate,
      doneM2,
      share,
      target,
      met: ended && taskM2 > 0 ? !isBelowRatio(doneM2, taskM2, target) : null,
    };
  });
}
