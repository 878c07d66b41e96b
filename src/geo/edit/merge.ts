import Flatbush from 'flatbush';
import polygonClipping from 'polygon-clipping';
import type { AreaGeometry, BBox, Position } from '../geometry.types';
import { bboxOf, polygonsOf } from '../geometry.types';
import { distanceToSegment, LocalPlane, signedArea2, type XY } from './local-plane';

/** Parcels closer than this (metres) count as touching; their gap is closed by the merge. */
export const MERGE_TOLERANCE_M = 0.05;

export type MergeError =
  | 'too-few'
  /** A parcel shares no boundary (within the tolerance) with the others, or only a corner. */
  | 'not-adjacent'
  | 'clip-failed';

export type MergeResult = { ok: true; geometry: AreaGeometry } | { ok: false; error: MergeError };

type PlanePolygon = XY[][];

function openRing(ring: readonly Position[]): XY[] {
  const pts = ring.map((p) => [p[0] as number, p[1] as number] as XY);
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (pts.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) pts.pop();
  return pts;
}

const keyOf = (p: XY) => `${p[0]},${p[1]}`;

/**
 * Merges parcels (lon/lat) into one shape: vertices within MERGE_TOLERANCE_M of another parcel's
 * vertex or edge are moved onto it (closing digitising gaps), then the shapes are unioned with
 * polygon-clipping in the local equal-area plane. Input vertices come back exactly. Parcels must
 * form one connected group sharing boundaries (or overlapping): a parcel that only touches at a
 * corner or lies apart is refused: the union must have fewer parts than the inputs had, one fewer
 * for every parcel joined.
 */
export function mergeShapes(geometries: readonly AreaGeometry[]): MergeResult {
  if (geometries.length < 2) return { ok: false, error: 'too-few' };
  const box = geometries
    .map(bboxOf)
    .reduce<BBox>(
      (acc, b) => [
        Math.min(acc[0], b[0]),
        Math.min(acc[1], b[1]),
        Math.max(acc[2], b[2]),
        Math.max(acc[3], b[3]),
      ],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
  const plane = new LocalPlane(box);
  const centre: XY = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  const lonLatOf = new Map<string, XY>();
  const shapes: PlanePolygon[][] = geometries.map((g) =>
    polygonsOf(g).map((polygon) =>
      polygon.map((ring) =>
        openRing(ring).map((ll) => {
          const xy = plane.forward(ll[0], ll[1]);
          lonLatOf.set(keyOf(xy), ll);
          return xy;
        }),
      ),
    ),
  );

  // Snap: each vertex onto an earlier parcel's vertex within the tolerance, else onto its edge.
  for (let i = 1; i < shapes.length; i++) {
    const others = indexEdges(shapes.slice(0, i).flat(2));
    for (const ring of (shapes[i] as PlanePolygon[]).flat()) {
      for (let v = 0; v < ring.length; v++)
        ring[v] = snapPoint(ring[v] as XY, others, plane, centre, lonLatOf);
    }
  }
  for (let i = 0; i < shapes.length - 1; i++) {
    const later = indexEdges(shapes.slice(i + 1).flat(2));
    for (const ring of (shapes[i] as PlanePolygon[]).flat()) {
      for (let v = 0; v < ring.length; v++)
        ring[v] = snapPoint(ring[v] as XY, later, plane, centre, lonLatOf);
    }
  }

  let union: polygonClipping.MultiPolygon;
  try {
    const closedShapes = shapes.map((shape) => shape.map((polygon) => polygon.map(closeRing)));
    const [first, ...rest] = closedShapes as [
      polygonClipping.MultiPolygon,
      ...polygonClipping.MultiPolygon[],
    ];
    union = polygonClipping.union(first, ...rest);
  } catch {
    return { ok: false, error: 'clip-failed' };
  }
  const inputParts = shapes.reduce((n, s) => n + s.length, 0);
  if (union.length > inputParts - (shapes.length - 1)) return { ok: false, error: 'not-adjacent' };

  const back = (p: polygonClipping.Pair): Position => {
    const known = lonLatOf.get(keyOf(p));
    return known ? [known[0], known[1]] : plane.inverse(p[0], p[1], centre);
  };
  const polygons: Position[][][] = union.map((polygon) => {
    const [outer, ...holes] = polygon;
    // Slivers left by gaps narrower than the tolerance are not holes of the merged parcel.
    const kept = holes.filter((hole) => {
      const ring = openRing(hole);
      let perimeter = 0;
      for (let k = 0; k < ring.length; k++) {
        const a = ring[k] as XY;
        const b = ring[(k + 1) % ring.length] as XY;
        perimeter += Math.hypot(b[0] - a[0], b[1] - a[1]);
      }
      return Math.abs(signedArea2(ring)) / perimeter >= MERGE_TOLERANCE_M;
    });
    return [outer ?? [], ...kept].map((ring) => ring.map(back));
  });
  const geometry: AreaGeometry =
    polygons.length === 1
      ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
      : { type: 'MultiPolygon', coordinates: polygons };
  return { ok: true, geometry };
}

function closeRing(ring: XY[]): XY[] {
  const first = ring[0];
  return first ? [...ring, [first[0], first[1]]] : ring;
}

/** The edges of some rings in a spatial index, each box grown by the tolerance. */
interface EdgeIndex {
  edges: [XY, XY][];
  index: Flatbush | null;
}

function indexEdges(rings: readonly XY[][]): EdgeIndex {
  const edges: [XY, XY][] = [];
  for (const ring of rings)
    for (let k = 0; k < ring.length; k++) edges.push([ring[k] as XY, ring[(k + 1) % ring.length] as XY]);
  if (edges.length === 0) return { edges, index: null };
  const index = new Flatbush(edges.length);
  const t = MERGE_TOLERANCE_M;
  for (const [a, b] of edges)
    index.add(
      Math.min(a[0], b[0]) - t,
      Math.min(a[1], b[1]) - t,
      Math.max(a[0], b[0]) + t,
      Math.max(a[1], b[1]) + t,
    );
  index.finish();
  return { edges, index };
}

function snapPoint(p: XY, others: EdgeIndex, plane: LocalPlane, centre: XY, lonLatOf: Map<string, XY>): XY {
  if (!others.index) return p;
  const near = others.index.search(p[0], p[1], p[0], p[1]).map((i) => others.edges[i] as [XY, XY]);
  let best: XY | null = null;
  let bestDistance = MERGE_TOLERANCE_M;
  for (const edge of near)
    for (const q of edge) {
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d === 0) return p;
      if (d <= bestDistance) {
        bestDistance = d;
        best = q;
      }
    }
  if (best) return best;
  for (const [a, b] of near) {
    const d = distanceToSegment(p, a, b);
    if (d > 0 && d <= bestDistance) {
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy);
      bestDistance = d;
      best = [a[0] + t * dx, a[1] + t * dy];
    }
  }
  if (!best) return p;
  const seed = lonLatOf.get(keyOf(p)) ?? centre;
  lonLatOf.set(keyOf(best), plane.inverse(best[0], best[1], seed));
  return best;
}
