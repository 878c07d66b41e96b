import polygonClipping from 'polygon-clipping';
import { ellipsoidalAreaM2 } from '../area/ellipsoidal-area';
import type { MultiPolygonGeometry, Ring } from '../geometry.types';
import type { OverlayIndex } from './overlay.types';

type Pair = [number, number];

/**
 * Sutherland–Hodgman against one side of an axis-aligned box. Clipping a big layer polygon (a
 * 4,000-vertex boundary) to the parcel's box first keeps the general clipper's work parcel-sized;
 * the zero-width seams it can leave along the box edge are harmless to an intersection.
 */
function clipSide(ring: Pair[], axis: 0 | 1, limit: number, keepBelow: boolean): Pair[] {
  const out: Pair[] = [];
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as Pair;
    const b = ring[(i + 1) % n] as Pair;
    const aIn = keepBelow ? a[axis] <= limit : a[axis] >= limit;
    const bIn = keepBelow ? b[axis] <= limit : b[axis] >= limit;
    if (aIn) out.push(a);
    if (aIn !== bIn) {
      const t = (limit - a[axis]) / (b[axis] - a[axis]);
      const p: Pair = axis === 0 ? [limit, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), limit];
      out.push(p);
    }
  }
  return out;
}

function clipRingToBox(ring: Ring, box: readonly [number, number, number, number]): Pair[] | null {
  let pts: Pair[] = [];
  for (let i = 0; i < ring.length - 1; i++) {
    const p = ring[i] as number[];
    pts.push([p[0] as number, p[1] as number]);
  }
  pts = clipSide(pts, 0, box[0], false);
  pts = clipSide(pts, 0, box[2], true);
  pts = clipSide(pts, 1, box[1], false);
  pts = clipSide(pts, 1, box[3], true);
  if (pts.length < 3) return null;
  pts.push([...(pts[0] as Pair)]);
  return pts;
}

function toPairs(ring: Ring): Pair[] {
  return ring.map((p) => [p[0] as number, p[1] as number]);
}

/**
 * The general path: intersection pieces of a parcel polygon with the union of the candidate layer
 * polygons, by polygon-clipping (Martinez-Rueda sweep, the engine @turf/intersect used before
 * polyclip-ts; measured faster than polyclip-ts here, see bench/overlay.bench.ts). Throws what the
 * library throws; the caller turns that into a failed verdict.
 */
export function clipWithLibrary(
  index: OverlayIndex,
  rings: readonly Ring[],
  box: readonly [number, number, number, number],
  candidates: readonly number[],
): { insideM2: number; pieces: MultiPolygonGeometry } {
  // A margin of ~1 mm keeps edges running along the box inside the cut.
  const margin = 1e-8;
  const cutBox = [box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin] as const;
  const layerParts: Pair[][][] = [];
  for (const candidate of candidates) {
    const polygon = index.polygons[candidate] as Ring[];
    const outer = clipRingToBox(polygon[0] as Ring, cutBox);
    if (!outer) continue;
    const part: Pair[][] = [outer];
    for (let h = 1; h < polygon.length; h++) {
      const hole = clipRingToBox(polygon[h] as Ring, cutBox);
      if (hole) part.push(hole);
    }
    layerParts.push(part);
  }
  if (layerParts.length === 0) return { insideM2: 0, pieces: { type: 'MultiPolygon', coordinates: [] } };
  const parcel = rings.map(toPairs);
  const [firstPart, ...otherParts] = layerParts as [Pair[][], ...Pair[][][]];
  const layer = otherParts.length > 0 ? polygonClipping.union(firstPart, ...otherParts) : firstPart;
  const result = polygonClipping.intersection(parcel, layer);
  const pieces: MultiPolygonGeometry = { type: 'MultiPolygon', coordinates: result };
  return { insideM2: ellipsoidalAreaM2(pieces), pieces };
}
