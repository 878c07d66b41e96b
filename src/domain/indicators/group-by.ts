import type { ParcelRecord } from '../parcel';
import { squareMetresToHectares, squareMetresToMu } from '../units';

/** The groupings of the statistics page and the coloured map. */
export type Grouping =
  | 'category'
  | 'subType'
  | 'status'
  | 'disposalMethod'
  | 'township'
  | 'park'
  | 'conflict';

/** One row of a grouped table: the code of the group (or '' for "not set") with count and areas. */
export interface GroupRow {
  key: string;
  count: number;
  areaM2: number;
  mu: number;
  hectares: number;
}

export type GroupInput = Pick<ParcelRecord, 'category' | 'status' | 'areaM2' | 'facts'> &
  Partial<Pick<ParcelRecord, 'subType' | 'disposal' | 'overlay'>>;

/**
 * The group keys of one record. A parcel can conflict with several control lines, so 'conflict'
 * gives one key per control role with a 'conflict' or 'outside' verdict ('none' when clean): its
 * rows may add up to more than the parcel total, which the table says.
 */
export function groupKeys(record: GroupInput, grouping: Grouping): readonly string[] {
  switch (grouping) {
    case 'category':
      return [record.category];
    case 'subType':
      return [record.subType ?? ''];
    case 'status':
      return [record.status];
    case 'disposalMethod':
      return [record.disposal?.method ?? ''];
    case 'township':
      return [record.facts.township ?? ''];
    case 'park':
      return [record.facts.parkLevel ?? ''];
    case 'conflict': {
      const roles = (record.overlay ?? [])
        .filter((check) => check.verdict === 'conflict' || check.verdict === 'outside')
        .map((check) => `${check.role}:${check.verdict}`);
      return roles.length > 0 ? roles : ['none'];
    }
  }
}

/** Counts and areas (m², 亩, 公顷) per group, largest area first. One pass over the records. */
export function groupRecords(records: Iterable<GroupInput>, grouping: Grouping): GroupRow[] {
  const totals = new Map<string, { count: number; areaM2: number }>();
  for (const record of records) {
    for (const key of groupKeys(record, grouping)) {
      const total = totals.get(key);
      if (total === undefined) totals.set(key, { count: 1, areaM2: record.areaM2 });
      else {
        total.count += 1;
        total.areaM2 += record.areaM2;
      }
    }
  }
  return [...totals]
    .map(([key, total]) => ({
      key,
      count: total.count,
      areaM2: total.areaM2,
      mu: squareMetresToMu(total.areaM2),
      hectares: squareMetresToHectares(total.areaM2),
    }))
    .sort((a, b) => b.areaM2 - a.areaM2 || a.key.localeCompare(b.key));
}
