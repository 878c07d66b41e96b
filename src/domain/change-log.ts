import type { ChangeEntry } from './change-entry';

/**
 * One logged field change, as the indicators read it. The store and db write `ChangeEntry`
 * (change-entry.ts, which adds the batch id of one user action); every ChangeEntry is a
 * ChangeLogEntry, so the indicators take either. `field` is a dotted path: 'status', 'category',
 * 'disposal', 'facts.supplyDate' …
 */
export type ChangeLogEntry = Omit<ChangeEntry, 'batch'> & { batch?: string };

/**
 * Groups log entries by parcel, newest first, for replaying a parcel's history backwards. Used by
 * the indicators once per computation.
 */
export function changesByParcel(changes: Iterable<ChangeLogEntry>): Map<string, ChangeLogEntry[]> {
  const byParcel = new Map<string, ChangeLogEntry[]>();
  for (const change of changes) {
    const list = byParcel.get(change.parcelId);
    if (list === undefined) byParcel.set(change.parcelId, [change]);
    else list.push(change);
  }
  for (const list of byParcel.values()) list.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  return byParcel;
}
