import type { ParcelFacts, ParcelRecord } from '../domain/parcel';

/** What an edit may change of a parcel; facts are merged field by field. */
export type ParcelPatch = Partial<
  Pick<
    ParcelRecord,
    'category' | 'subType' | 'status' | 'idleCause' | 'disposal' | 'notes' | 'geometry' | 'areaM2' | 'overlay'
  >
> & { facts?: Partial<ParcelFacts> };

export interface FieldDiff {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

const TRACKED = ['category', 'subType', 'status', 'idleCause', 'disposal', 'notes', 'geometry'] as const;

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The field-level differences between two versions of a parcel, as change-log entries record them. */
export function diffRecords(before: ParcelRecord, after: ParcelRecord): FieldDiff[] {
  const diffs: FieldDiff[] = [];
  for (const field of TRACKED) {
    if (!same(before[field], after[field]))
      diffs.push({ field, oldValue: before[field], newValue: after[field] });
  }
  const factKeys = new Set([...Object.keys(before.facts), ...Object.keys(after.facts)]) as Set<
    keyof ParcelFacts
  >;
  for (const key of factKeys) {
    if (!same(before.facts[key], after.facts[key])) {
      diffs.push({ field: `facts.${key}`, oldValue: before.facts[key], newValue: after.facts[key] });
    }
  }
  return diffs;
}
