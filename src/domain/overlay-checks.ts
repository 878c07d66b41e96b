import type { AreaGeometry, MultiPolygonGeometry } from '../geo/geometry.types';
import { createOverlayIndex, type OverlayIndex, overlayParcel } from '../geo/overlay';
import { type BoundaryErrorThresholds, judgeOverlay } from './overlay-verdict';
import type { ControlRole, OverlayCheck } from './parcel';
import { CONTROL_ROLES } from './parcel';

/** One spatial index per control role (all layers of a role merged: a parcel meets the role's union). */
export type ControlIndexes = Partial<Record<ControlRole, OverlayIndex>>;

/** Builds the indexes once per set of control layers; used by the overlay worker and the import pipeline. */
export function buildControlIndexes(
  layers: readonly { role: ControlRole; geometries: readonly AreaGeometry[] }[],
): ControlIndexes {
  const byRole = new Map<ControlRole, AreaGeometry[]>();
  for (const layer of layers) {
    const list = byRole.get(layer.role) ?? [];
    for (const geometry of layer.geometries) list.push(geometry);
    byRole.set(layer.role, list);
  }
  const indexes: ControlIndexes = {};
  for (const [role, geometries] of byRole) indexes[role] = createOverlayIndex(geometries);
  return indexes;
}

/**
 * Checks one parcel against every control role that has a layer: the overlap area from the geo
 * overlay, judged by the domain verdict (DOMAIN.md 三区三线). A failed intersection is a 'failed'
 * check with its reason, never 0.
 */
export function checkParcel(
  indexes: ControlIndexes,
  geometry: AreaGeometry,
  parcelAreaM2: number,
  thresholds?: Partial<BoundaryErrorThresholds>,
): OverlayCheck[] {
  const checks: OverlayCheck[] = [];
  for (const role of CONTROL_ROLES) {
    const index = indexes[role];
    if (!index) continue;
    const result = overlayParcel(index, geometry, { parcelAreaM2 });
    const judgement = judgeOverlay(
      result.ok
        ? { role, insideM2: result.insideM2, parcelAreaM2, thresholds }
        : { role, insideM2: 0, parcelAreaM2, failed: result.reason, thresholds },
    );
    checks.push({
      role,
      insideM2: result.ok ? result.insideM2 : 0,
      verdict: judgement.verdict,
      reason: judgement.reason,
      ...(result.ok ? {} : { failure: result.reason }),
    });
  }
  return checks;
}

/** Re-judges stored overlap areas under new thresholds (no geometry work). */
export function rejudge(
  checks: readonly OverlayCheck[],
  parcelAreaM2: number,
  thresholds: Partial<BoundaryErrorThresholds>,
): OverlayCheck[] {
  return checks.map((check) => {
    if (check.verdict === 'failed') return check;
    const judgement = judgeOverlay({ role: check.role, insideM2: check.insideM2, parcelAreaM2, thresholds });
    return { ...check, verdict: judgement.verdict, reason: judgement.reason };
  });
}

/** The overlapping pieces of a parcel per role, to draw when it is selected. */
export function overlapPieces(
  indexes: ControlIndexes,
  geometry: AreaGeometry,
): { role: ControlRole; pieces: MultiPolygonGeometry }[] {
  const out: { role: ControlRole; pieces: MultiPolygonGeometry }[] = [];
  for (const role of CONTROL_ROLES) {
    const index = indexes[role];
    if (!index) continue;
    const result = overlayParcel(index, geometry, { withPieces: true });
    if (result.ok && result.pieces && result.pieces.coordinates.length > 0)
      out.push({ role, pieces: result.pieces });
  }
  return out;
}
