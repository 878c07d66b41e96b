import type { Category, ParcelRecord, Status } from '../domain/parcel';

/**
 * What the store keeps of each parcel: enough for the map's colours, the counts and the lists —
 * never the geometry (DESIGN.md: one copy of each geometry at most; it lives in the map and in IndexedDB).
 */
export interface ParcelSummary {
  id: string;
  /** Numeric feature id in the map source (MapLibre feature-state needs numbers). */
  mapId: number;
  layerId: string;
  code: string;
  category: Category;
  status: Status;
  areaM2: number;
  /** Any overlay check of this parcel is a conflict (permanent farmland, red line). */
  conflict: boolean;
  /** Part of the parcel lies outside the development boundary. */
  outside: boolean;
}

/** Summary of a stored parcel; mapId is assigned by the caller. */
export function summarize(record: ParcelRecord, mapId: number): ParcelSummary {
  const checks = record.overlay ?? [];
  return {
    id: record.id,
    mapId,
    layerId: record.layerId,
    code: record.facts.code ?? '',
    category: record.category,
    status: record.status,
    areaM2: record.areaM2,
    conflict: checks.some((c) => c.verdict === 'conflict'),
    outside: checks.some((c) => c.role === 'development-boundary' && c.verdict === 'outside'),
  };
}
