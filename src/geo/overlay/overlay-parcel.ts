import { ellipsoidalAreaM2, flatRingAreaM2 } from '../area/ellipsoidal-area';
import { flatRingBounds, flatRingOf } from '../flat-ring';
import type { AreaGeometry, MultiPolygonGeometry, Ring } from '../geometry.types';
import { ringBounds } from '../geometry.types';
import { fastOverlayArea } from './green-overlay';
import { clipWithLibrary } from './library-clip';
import type { OverlayIndex, OverlayPath, OverlayResult } from './overlay.types';
import { pointInLayerPolygon } from './point-in-layer';

export interface OverlayParcelOptions {
  /** Also return the overlapping pieces (for drawing the selected parcel); slower. */
  withPieces?: boolean;
  /** The parcel's ellipsoidal area if already known (saves recomputing it). */
  parcelAreaM2?: number;
}

function closedRings(polygon: unknown): Ring[] | null {
  if (!Array.isArray(polygon) || polygon.length === 0) return null;
  const rings: Ring[] = [];
  for (const ring of polygon) {
    if (!Array.isArray(ring) || ring.length < 4) return null;
    for (const p of ring) {
      if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return null;
    }
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    rings.push(first[0] === last[0] && first[1] === last[1] ? (ring as Ring) : [...(ring as Ring), first]);
  }
  return rings;
}

const boxOf = ringBounds;

const PATH_RANK: Record<OverlayPath, number> = { disjoint: 0, contained: 1, crossing: 2, clipped: 3 };

function higher(current: OverlayPath, next: OverlayPath): OverlayPath {
  return PATH_RANK[next] > PATH_RANK[current] ? next : current;
}

function partAreaM2(polygons: readonly Ring[][], rings: Ring[], parcelAreaM2: number): number {
  return polygons.length === 1 ? parcelAreaM2 : ellipsoidalAreaM2({ type: 'Polygon', coordinates: rings });
}

/** Nudges of the parcel for the last-resort fast path, in degrees (~2–4 µm: far below any area tolerance). */
const NUDGES: readonly (readonly [number, number])[] = [
  [3e-11, 2e-11],
  [-2e-11, 3e-11],
  [2e-11, -3e-11],
];

/**
 * The fast Green's-theorem area of the parcel translated by a few micrometres, so a vertex lying
 * exactly on a layer edge no longer touches it (symbolic perturbation). A translation changes the
 * area inside by about the shift times the length of layer boundary crossing the parcel: far below
 * the tolerance. Undefined when every nudge is still degenerate.
 */
function nudgedFastArea(
  index: OverlayIndex,
  rings: readonly Ring[],
  box: readonly [number, number, number, number],
  candidates: readonly number[],
  whole: number,
  tolerance: number,
): number | undefined {
  for (const [dx, dy] of NUDGES) {
    const moved = rings.map((ring) => ring.map(([x = 0, y = 0]) => [x + dx, y + dy]) as Ring);
    const fast = fastOverlayArea(
      index,
      moved,
      [box[0] + dx, box[1] + dy, box[2] + dx, box[3] + dy],
      candidates,
    );
    if (fast.kind === 'area' && fast.insideM2 > -tolerance && fast.insideM2 < whole + tolerance)
      return Math.min(whole, Math.max(0, fast.insideM2));
  }
  return undefined;
}

/**
 * Area of a parcel inside a control layer (union of its polygons), m², ellipsoidal. Parcels whose
 * box meets no layer edge are settled by one point-in-polygon test; crossing parcels take the fast
 * Green's-theorem path; degenerate ones (shared edges, touching vertices, overlapping layer
 * polygons) go through polygon-clipping. Never throws: a geometry that cannot be intersected gives
 * `{ ok: false, reason }`. Used for every parcel × control layer on import and after edits.
 */
export function overlayParcel(
  index: OverlayIndex,
  geometry: AreaGeometry,
  options: OverlayParcelOptions = {},
): OverlayResult {
  // A one-ring parcel still flat and found clean (flat-ring.ts) whose box meets no polygon of the
  // layer is disjoint, as the full path below finds it, without building its GeoJSON.
  const flat = flatRingOf(geometry);
  if (flat?.clean) {
    const box = flatRingBounds(flat);
    if (index.polygonIndex.search(box[0], box[1], box[2], box[3]).length === 0) {
      const parcelAreaM2 = options.parcelAreaM2 ?? flatRingAreaM2(flat);
      const result: OverlayResult = { ok: true, insideM2: 0, parcelAreaM2, path: 'disjoint' };
      if (options.withPieces) result.pieces = { type: 'MultiPolygon', coordinates: [] };
      return result;
    }
  }
  const parts =
    geometry?.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry?.type === 'MultiPolygon'
        ? geometry.coordinates
        : null;
  if (!parts || parts.length === 0) return { ok: false, reason: 'invalid-geometry', detail: 'not a polygon' };
  const polygons: Ring[][] = [];
  for (const part of parts) {
    const rings = closedRings(part);
    if (!rings)
      return {
        ok: false,
        reason: 'invalid-geometry',
        detail: 'ring with < 4 positions or non-finite coordinate',
      };
    polygons.push(rings);
  }
  const parcelAreaM2 = options.parcelAreaM2 ?? ellipsoidalAreaM2(geometry);
  let insideM2 = 0;
  let path: OverlayPath = 'disjoint';
  const pieces: MultiPolygonGeometry = { type: 'MultiPolygon', coordinates: [] };

  for (const rings of polygons) {
    const box = boxOf(rings[0] as Ring);
    const candidates = index.polygonIndex.search(box[0], box[1], box[2], box[3]);
    if (candidates.length === 0) continue;
    try {
      if (options.withPieces) {
        const clipped = clipWithLibrary(index, rings, box, candidates);
        pieces.coordinates.push(...clipped.pieces.coordinates);
      }
      const fast = fastOverlayArea(index, rings, box, candidates);
      if (fast.kind === 'no-edges' || fast.kind === 'contained') {
        const start = rings[0]?.[0] as number[];
        let inside = fast.kind === 'contained';
        for (let c = 0; c < candidates.length && !inside; c++) {
          inside = pointInLayerPolygon(
            index,
            candidates[c] as number,
            start[0] as number,
            start[1] as number,
          );
        }
        if (inside) {
          insideM2 += partAreaM2(polygons, rings, parcelAreaM2);
          path = higher(path, 'contained');
        }
        continue;
      }
      const whole = partAreaM2(polygons, rings, parcelAreaM2);
      const tolerance = 1e-6 * whole + 0.01;
      if (fast.kind === 'area' && fast.insideM2 > -tolerance && fast.insideM2 < whole + tolerance) {
        insideM2 += Math.min(whole, Math.max(0, fast.insideM2));
        path = higher(path, 'crossing');
        continue;
      }
      let clipped: { insideM2: number };
      try {
        clipped = clipWithLibrary(index, rings, box, candidates);
      } catch (error) {
        // polygon-clipping gives up on very large rings (its 1 M-step queue cap) even when the only
        // problem is a vertex lying exactly on a layer edge: measure the parcel nudged by ~4 µm.
        const nudged = nudgedFastArea(index, rings, box, candidates, whole, tolerance);
        if (nudged === undefined) throw error;
        clipped = { insideM2: nudged };
      }
      if (!(clipped.insideM2 > -tolerance && clipped.insideM2 < whole + tolerance)) {
        return {
          ok: false,
          reason: 'inconsistent-result',
          detail: `inside ${clipped.insideM2} m² of ${whole} m²`,
        };
      }
      insideM2 += Math.min(whole, Math.max(0, clipped.insideM2));
      path = higher(path, 'clipped');
    } catch (error) {
      return {
        ok: false,
        reason: 'clip-failed',
        detail: error instanceof Error ? error.message : String(error),
      };
    }
  }
  const result: OverlayResult = { ok: true, insideM2, parcelAreaM2, path };
  if (options.withPieces) result.pieces = pieces;
  return result;
}
