import type { ChangeLogEntry } from '../change-log';
import type { Category, IsoDate, ParcelFacts, ParcelRecord, Status } from '../parcel';

/** What the indicators need of a record at a moment in the past. */
export interface RecordState {
  category: Category;
  status: Status;
  facts: ParcelFacts;
  areaM2: number;
}

export type HistoryInput = Pick<ParcelRecord, 'id' | 'category' | 'status' | 'facts' | 'areaM2'>;

/**
 * The instant a calendar day starts in China Standard Time (UTC+8, no daylight saving): years and
 * quarters of the indicators are Beijing-time years, whatever zone the browser is in.
 */
export function startOfDayInChina(date: IsoDate): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) - 8 * 3_600_000;
}

/**
 * A record as it was just before `instant` (ms): starts from the current record and undoes, newest
 * first, every logged change made at or after that instant. `changes` must be this record's
 * entries, newest first (changesByParcel).
 */
export function stateAt(
  record: HistoryInput,
  changes: readonly ChangeLogEntry[] | undefined,
  instant: number,
): RecordState {
  const state: RecordState = {
    category: record.category,
    status: record.status,
    facts: record.facts,
    areaM2: record.areaM2,
  };
  if (changes === undefined) return state;
  let factsCopied = false;
  for (const change of changes) {
    if (Date.parse(change.at) < instant) break;
    if (change.field === 'category') state.category = change.oldValue as Category;
    else if (change.field === 'status') state.status = change.oldValue as Status;
    else if (change.field === 'areaM2' && typeof change.oldValue === 'number') state.areaM2 = change.oldValue;
    else if (change.field.startsWith('facts.')) {
      if (!factsCopied) {
        state.facts = { ...state.facts };
        factsCopied = true;
      }
      const key = change.field.slice('facts.'.length);
      const facts = state.facts as Record<string, unknown>;
      if (change.oldValue === undefined) delete facts[key];
      else facts[key] = change.oldValue;
    }
  }
  return state;
}

/**
 * The area a record counts as stock: 批准面积 − 已供面积 for a partly supplied 批而未供 batch
 * (DOMAIN.md), else the parcel area.
 */
export function stockArea(state: RecordState): number {
  const { approvedAreaM2, suppliedAreaM2 } = state.facts;
  if (
    state.category === 'approved-not-supplied' &&
    approvedAreaM2 !== undefined &&
    suppliedAreaM2 !== undefined
  ) {
    return Math.max(0, approvedAreaM2 - suppliedAreaM2);
  }
  return state.areaM2;
}
