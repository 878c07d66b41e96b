import type { Category, Status } from '../../domain/parcel';
import type { TableRow } from '../../domain/reports/table-rows';
import type { ParcelSummary } from '../../store/parcel-summary';

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

/**
 * Indices of the rows that pass the filter, sorted. Category, status and area come from the live
 * summaries (so bulk edits show at once); the rest from the row model. Used by the attribute table.
 */
export function filterAndSort(
  rows: readonly TableRow[],
  parcels: ReadonlyMap<string, ParcelSummary>,
  filter: TableFilter,
  sort: { key: SortKey; descending: boolean },
): number[] {
  const search = filter.search.trim().toLowerCase();
  const place = filter.place.trim().toLowerCase();
  const min =
    filter.areaMinMu === '' ? Number.NEGATIVE_INFINITY : Number(filter.areaMinMu) * SQUARE_METRES_PER_MU;
  const max =
    filter.areaMaxMu === '' ? Number.POSITIVE_INFINITY : Number(filter.areaMaxMu) * SQUARE_METRES_PER_MU;
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) {
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
  const sign = sort.descending ? -1 : 1;
  const value = (i: number): string | number => {
    const row = rows[i] as TableRow;
    const summary = parcels.get(row.id);
    switch (sort.key) {
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
        return row[sort.key];
      default: {
        const text = row.attributes[Number(sort.key.slice(5))] ?? '';
        const number = Number(text);
        return text !== '' && Number.isFinite(number) ? number : text;
      }
    }
  };
  const keys = new Map<number, string | number>();
  for (const i of out) keys.set(i, value(i));
  out.sort((a, b) => {
    const x = keys.get(a) as string | number;
    const y = keys.get(b) as string | number;
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * sign;
    return collator.compare(String(x), String(y)) * sign;
  });
  return out;
}
