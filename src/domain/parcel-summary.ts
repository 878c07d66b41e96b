import type { Category, ControlRole, ParcelRecord, Status } from './parcel';

/** A check that needs attention (anything but compliant), as the conflict list shows it. */
export interface ParcelIssue {
  role: ControlRole;
  verdict: string;
  /** Overlap with the role's polygons, m² (for the boundary: the part inside). */
  insideM2: number;
}

const QUIET = new Set(['ok', 'inside', 'outside-park']);

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
  /** Checks that need attention; empty for most parcels (kept small on purpose). */
  issues: ParcelIssue[];
}

/** Summary of a stored parcel; mapId is assigned by the caller. */
export function summarize(
  record: Pick<ParcelRecord, 'id' | 'layerId' | 'facts' | 'category' | 'status' | 'areaM2' | 'overlay'>,
  mapId: number,
): ParcelSummary {
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
    issues: checks
      .filter((c) => !QUIET.has(c.verdict) && !(c.role === 'park' && c.verdict === 'outside'))
      .map((c) => ({ role: c.role, verdict: c.verdict, insideM2: c.insideM2 })),
  };
}
