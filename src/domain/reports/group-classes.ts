import { type Grouping, type GroupRow, groupKeys, groupRecords } from '../indicators';
import type { ReportRecord } from './statistics-report';

/** Distinct map colours at most; the groups beyond them share the "other" class. */
export const MAX_GROUP_CLASSES = 12;

/** A class of the coloured map: a group key (or every smaller group, `other`) with its totals. */
export interface GroupClass {
  /** The group key ('' is "not set"); '' with `other` for the rest. */
  key: string;
  other: boolean;
  count: number;
  areaM2: number;
}

/** Every parcel's class for a grouping: the legend's classes and a class index per parcel. */
export interface GroupClasses {
  grouping: Grouping;
  classes: GroupClass[];
  /** Parcel ids, in the order of `index`. */
  ids: string[];
  /** Class index of each parcel (into `classes`). */
  index: Uint8Array;
}

/**
 * The classes of a grouping: the groups with the largest areas (the statistics table's order) get
 * their own class, up to `max`; the rest are one "other" class. A parcel that falls in several
 * groups (conflicts with two control lines) takes the first of its groups in class order; a
 * class's count and area are its parcels', so the legend's counts add up to all parcels.
 * Used by the coloured map and its legend.
 */
export function assignGroupClasses(
  records: readonly ReportRecord[],
  grouping: Grouping,
  max = MAX_GROUP_CLASSES,
): GroupClasses {
  const rows: GroupRow[] = groupRecords(records, grouping);
  const own = rows.length <= max ? rows : rows.slice(0, max - 1);
  const rank = new Map<string, number>(own.map((row, i) => [row.key, i]));
  const otherIndex = own.length;
  const classes: GroupClass[] = own.map((row) => ({ key: row.key, other: false, count: 0, areaM2: 0 }));
  const index = new Uint8Array(records.length);
  const ids: string[] = new Array(records.length);
  let other: GroupClass | null = null;
  records.forEach((record, i) => {
    let best = otherIndex;
    for (const key of groupKeys(record, grouping)) best = Math.min(best, rank.get(key) ?? otherIndex);
    ids[i] = record.id;
    index[i] = best;
    if (best === otherIndex) other ??= { key: '', other: true, count: 0, areaM2: 0 };
    const target = best === otherIndex ? (other as GroupClass) : (classes[best] as GroupClass);
    target.count += 1;
    target.areaM2 += record.areaM2;
  });
  if (other) classes.push(other);
  return { grouping, classes, ids, index };
}
