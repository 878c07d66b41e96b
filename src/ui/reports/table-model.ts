import type { Category, Status } from '../../domain/parcel';
import type { ParcelSummary } from '../../domain/parcel-summary';
import type { TableRow } from '../../domain/reports/table-rows';

export interface TableFilter {
  category: Category | '';
  status: Status | '';
  conflict: 'any' | 'yes' | 'no';
  /** Part of the township or location (坐落). */
  place: string;
  dateField: 'approvalDate' | 'supplyDate' | 'updatedAt';
  dateFrom: string;
  dateTo: string;
  /** Area bounds in 亩 ('' = none). */
  areaMinMu: string;
  areaMaxMu: string;
  search: string;
}

export const EMPTY_FILTER: TableFilter = {
  category: '',
  status: '',
  conflict: 'any',
  place: '',
  dateField: 'approvalDate',
  dateFrom: '',
  dateTo: '',
  areaMinMu: '',
  areaMaxMu: '',
  search: '',
};

/** Column ids: ours by name, imported attributes as `attr:<index>`. */
export type SortKey =
  | 'code'
  | 'owner'
  | 'location'
  | 'township'
  | 'category'
  | 'status'
  | 'area'
  | 'conflicts'
  | 'approvalDate'
  | 'supplyDate'
  | 'updatedAt'
  | `attr:${number}`;

const SQUARE_METRES_PER_MU = 10_000 / 15;
const collator = new Intl.Collator('zh-CN', { numeric: true });

/** The sort value of a row: live summaries for category, status and area, else the row model. */
function sortValue(row: TableRow, summary: ParcelSummary | undefined, key: SortKey): string | number {
  switch (key) {
    case 'category':
      return summary?.category ?? '';
    case 'status':
      return summary?.status ?? '';
    case 'area':
      return summary?.areaM2 ?? 0;
    case 'conflicts':
      return row.conflicts.length;
    case 'code':
    case 'owner':
    case 'location':
    case 'township':
    case 'approvalDate':
    case 'supplyDate':
    case 'updatedAt':
      return row[key];
    default: {
      const text = row.attributes[Number(key.slice(5))] ?? '';
      const number = Number(text);
      return text !== '' && Number.isFinite(number) ? number : text;
    }
  }
}

/**
 * Every row's index in the order of `sort`, stable (equal keys keep row order). Text is ranked
 * once per distinct value with the collator, then rows sort by number: the collator runs on the
 * distinct values only. Mixed number/text columns keep the general comparison.
 */
function sortedOrder(
  rows: readonly TableRow[],
  parcels: ReadonlyMap<string, ParcelSummary>,
  sort: { key: SortKey; descending: boolean },
): Int32Array {
  const count = rows.length;
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  // tableRows hands the rows over sorted by code: the default order needs no sorting.
  if (sort.key === 'code') return sort.descending ? reverseRuns(rows, order) : order;
  const values: (string | number)[] = new Array(count);
  let numbers = 0;
  for (let i = 0; i < count; i++) {
    const row = rows[i] as TableRow;
    const value = sortValue(row, parcels.get(row.id), sort.key);
    values[i] = value;
    if (typeof value === 'number') numbers++;
  }
  const sign = sort.descending ? -1 : 1;
  const keys = new Float64Array(count);
  if (numbers === count) {
    for (let i = 0; i < count; i++) keys[i] = values[i] as number;
  } else if (numbers === 0) {
    const distinct = [...new Set(values as string[])].sort(collator.compare);
    const rank = new Map<string, number>();
    distinct.forEach((value, i) => {
      const previous = distinct[i - 1];
      rank.set(
        value,
        previous !== undefined && collator.compare(previous, value) === 0
          ? (rank.get(previous) as number)
          : i,
      );
    });
    for (let i = 0; i < count; i++) keys[i] = rank.get(values[i] as string) as number;
  } else {
    const mixed = Array.from(order).sort((a, b) => {
      const x = values[a] as string | number;
      const y = values[b] as string | number;
      if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
      return collator.compare(String(x), String(y)) * sign;
    });
    return Int32Array.from(mixed);
  }
  return stableOrder(keys, sign);
}

/**
 * Row indices ordered by numeric keys (ascending, or descending when `sign` is -1), equal keys in
 * row order. The keys are sorted natively (no comparator calls); each row then finds its place by
 * binary search, the first rows with a key taking the first places.
 */
function stableOrder(keys: Float64Array, sign: number): Int32Array {
  const count = keys.length;
  for (let i = 0; i < count; i++) {
    const key = (keys[i] as number) * sign;
    // +0 for -0 (native sort orders them apart), and no NaN (it would break the search).
    keys[i] = Number.isNaN(key) ? Number.POSITIVE_INFINITY : key + 0;
  }
  const sorted = keys.slice().sort();
  const taken = new Int32Array(count);
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const key = keys[i] as number;
    let low = 0;
    let high = count;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((sorted[mid] as number) < key) low = mid + 1;
      else high = mid;
    }
    order[low + (taken[low] as number)] = i;
    taken[low] = (taken[low] as number) + 1;
  }
  return order;
}

/** Descending by code, equal codes still in row order: runs of equal codes reversed back. */
function reverseRuns(rows: readonly TableRow[], ascending: Int32Array): Int32Array {
  const out = new Int32Array(ascending.length);
  let at = 0;
  let end = ascending.length;
  while (end > 0) {
    let start = end - 1;
    const code = (rows[ascending[start] as number] as TableRow).code;
    while (start > 0 && collator.compare((rows[ascending[start - 1] as number] as TableRow).code, code) === 0)
      start--;
    for (let i = start; i < end; i++) out[at++] = ascending[i] as number;
    end = start;
  }
  return out;
}

/** The last full order, kept while rows, summaries and sort stay the same (typing in filters). */
let orderCache: {
  rows: readonly TableRow[];
  parcels: ReadonlyMap<string, ParcelSummary>;
  key: SortKey;
  descending: boolean;
  order: Int32Array;
} | null = null;

/**
 * Indices of the rows that pass the filter, sorted. Category, status and area come from the live
 * summaries (so bulk edits show at once); the rest from the row model. The full sort is kept
 * between calls, so a change of filter or search is one pass over the sorted rows. Used by the
 * attribute table.
 */
export function filterAndSort(
  rows: readonly TableRow[],
  parcels: ReadonlyMap<string, ParcelSummary>,
  filter: TableFilter,
  sort: { key: SortKey; descending: boolean },
): number[] {
  if (
    orderCache?.rows !== rows ||
    orderCache.parcels !== parcels ||
    orderCache.key !== sort.key ||
    orderCache.descending !== sort.descending
  ) {
    orderCache = {
      rows,
      parcels,
      key: sort.key,
      descending: sort.descending,
      order: sortedOrder(rows, parcels, sort),
    };
  }
  const order = orderCache.order;
  const search = filter.search.trim().toLowerCase();
  const place = filter.place.trim().toLowerCase();
  const min =
    filter.areaMinMu === '' ? Number.NEGATIVE_INFINITY : Number(filter.areaMinMu) * SQUARE_METRES_PER_MU;
  const max =
    filter.areaMaxMu === '' ? Number.POSITIVE_INFINITY : Number(filter.areaMaxMu) * SQUARE_METRES_PER_MU;
  const out: number[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k] as number;
    const row = rows[i] as TableRow;
    const summary = parcels.get(row.id);
    if (!summary) continue;
    if (filter.category !== '' && summary.category !== filter.category) continue;
    if (filter.status !== '' && summary.status !== filter.status) continue;
    if (filter.conflict === 'yes' && row.conflicts.length === 0) continue;
    if (filter.conflict === 'no' && row.conflicts.length > 0) continue;
    if (summary.areaM2 < min || summary.areaM2 > max) continue;
    if (
      place !== '' &&
      !row.township.toLowerCase().includes(place) &&
      !row.location.toLowerCase().includes(place)
    )
      continue;
    if (filter.dateFrom !== '' || filter.dateTo !== '') {
      const date = row[filter.dateField];
      if (date === '') continue;
      if (filter.dateFrom !== '' && date < filter.dateFrom) continue;
      if (filter.dateTo !== '' && date > filter.dateTo) continue;
    }
    if (search !== '' && !row.search.includes(search)) continue;
    out.push(i);
  }
  return out;
}
