import type { ChangeEntry } from './change-entry';
import type { ParcelFacts, ParcelRecord } from './parcel';

/**
 * Facts that measure land — the approved and the supplied area — and so must add up across the
 * county: the supply-rate and disposal indicators sum them. When a parcel is split, each part
 * takes its share by measured area (the parent's figure on every part would count it twice);
 * when parcels are merged, the figures are summed.
 */
export const AREA_FACTS = ['approvedAreaM2', 'suppliedAreaM2'] as const;
type AreaFact = (typeof AREA_FACTS)[number];

const isAreaFactField = (field: string): boolean =>
  (AREA_FACTS as readonly string[]).some((fact) => field === `facts.${fact}`);

/** The facts of a split part that has `share` (0–1) of the parent's measured area. */
export function apportionedFacts(facts: ParcelFacts, share: number): ParcelFacts {
  const next: ParcelFacts = { ...facts };
  for (const fact of AREA_FACTS) {
    const value = facts[fact];
    if (typeof value === 'number' && Number.isFinite(value)) next[fact] = value * share;
  }
  return next;
}

/**
 * A parent's history entry as a split part inherits it: approved/supplied area values scaled to
 * the part's share, so the indicators replayed for any earlier year count the parent once.
 */
export function apportionedHistory(entry: ChangeEntry, share: number): ChangeEntry {
  if (!isAreaFactField(entry.field)) return entry;
  const scale = (value: unknown) =>
    typeof value === 'number' && Number.isFinite(value) ? value * share : value;
  return { ...entry, oldValue: scale(entry.oldValue), newValue: scale(entry.newValue) };
}

/**
 * Approved and supplied areas of a merged parcel: the sum over the parts. A part without an
 * approved area counts with its measured area (as the indicators read it); a part without a
 * supplied area adds nothing. Undefined when no part has the fact.
 */
export function mergedAreaFacts(parts: readonly ParcelRecord[]): Partial<Record<AreaFact, number>> {
  const merged: Partial<Record<AreaFact, number>> = {};
  if (parts.some((p) => p.facts.approvedAreaM2 !== undefined))
    merged.approvedAreaM2 = parts.reduce((sum, p) => sum + (p.facts.approvedAreaM2 ?? p.areaM2), 0);
  if (parts.some((p) => p.facts.suppliedAreaM2 !== undefined))
    merged.suppliedAreaM2 = parts.reduce((sum, p) => sum + (p.facts.suppliedAreaM2 ?? 0), 0);
  return merged;
}
