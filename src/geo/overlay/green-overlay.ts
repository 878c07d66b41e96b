import Flatbush from 'flatbush';
import { LocalEqualAreaProjection } from '../area/equal-area.projection';
import type { Ring } from '../geometry.types';
import type { OverlayIndex } from './overlay.types';
import { createRingsTester, pointInLayerPolygon } from './point-in-layer';

/*
 * Area of (parcel ∩ layer) without building the intersection polygon. By Green's theorem the area
 * of a region is ½∮(x dy − y dx) over its oriented boundary, and the boundary of P ∩ C is
 *   (the parts of P's boundary inside C) + (the parts of C's boundary inside P).
 * So we only split edges at crossings and classify the pieces: P's pieces by toggling an inside
 * flag per layer polygon at each crossing (one point-in-polygon test per ring start), C's pieces
 * (only the few edges near the parcel) by a point-in-parcel test of their midpoint. Topology is
 * decided in lon/lat like any GIS clipper; each piece is then measured on a local ellipsoidal
 * equal-area plane centred on the parcel, which makes the area ellipsoidal to ~1e-9.
 * Anything degenerate (touching at a vertex, collinear overlap, inconsistent parity) is reported
 * and left to the general clipper: this path is for speed, the clipper for the hard cases.
 */

/** Crossing parameters closer than this to an edge end are treated as touching (degenerate). */
const END_EPSILON = 1e-10;

/**
 * Parcel edges × nearby layer edges above which the crossings are found through an index of the
 * layer edges rather than by trying every pair: a 50,000-vertex parcel across a 200,000-vertex
 * boundary would otherwise cost 10¹⁰ pair tests. Ordinary parcels stay on the plain loop.
 */
const EDGE_INDEX_FROM = 1 << 20;

/** An index of the collected layer edges' boxes (positions in `edges`). */
function indexEdges(coords: Float64Array, edges: readonly LayerEdge[]): Flatbush {
  const index = new Flatbush(edges.length);
  for (const edge of edges) {
    const v = edge.vertex;
    const x1 = coords[v * 2] as number;
    const y1 = coords[v * 2 + 1] as number;
    const x2 = coords[v * 2 + 2] as number;
    const y2 = coords[v * 2 + 3] as number;
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  index.finish();
  return index;
}

export type FastOverlayOutcome =
  | { kind: 'area'; insideM2: number }
  /** No layer edge comes near: the parcel is wholly inside or wholly outside. */
  | { kind: 'no-edges' }
  /** A layer polygon without edges near the parcel contains it: wholly inside. */
  | { kind: 'contained' }
  | { kind: 'degenerate'; why: string };

interface LayerEdge {
  vertex: number;
  ring: number;
  slot: number;
  /** Split points along this edge: parameter u and the lon/lat point, three numbers each. */
  crossings: number[];
}

/** Scratch shared by calls (the module runs single-threaded, one parcel at a time). */
const scratch = {
  index: null as OverlayIndex | null,
  box: [0, 0, 0, 0],
  slots: [] as number[],
  edges: [] as LayerEdge[],
};

/** Flatbush filter collecting the layer edges whose own box meets the parcel box; a named function
 * rather than a closure so 100k parcels × 3 layers allocate nothing here. */
function collectEdge(chunk: number): boolean {
  const index = scratch.index as OverlayIndex;
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = scratch.box;
  const coords = index.coords;
  const first = index.chunkFirstVertex[chunk] as number;
  const last = first + (index.chunkEdgeCount[chunk] as number);
  const polygon = index.chunkPolygon[chunk] as number;
  for (let v = first; v < last; v++) {
    const x1 = coords[v * 2] as number;
    const y1 = coords[v * 2 + 1] as number;
    const x2 = coords[v * 2 + 2] as number;
    const y2 = coords[v * 2 + 3] as number;
    if ((x1 < minX && x2 < minX) || (x1 > maxX && x2 > maxX)) continue;
    if ((y1 < minY && y2 < minY) || (y1 > maxY && y2 > maxY)) continue;
    let slot = scratch.slots.indexOf(polygon);
    if (slot < 0) slot = scratch.slots.push(polygon) - 1;
    scratch.edges.push({ vertex: v, ring: index.chunkRing[chunk] as number, slot, crossings: [] });
  }
  return false;
}

/**
 * Splits layer edges of different polygons where they cross (overlapping farmland patches), so each
 * piece is wholly inside or outside the other polygons; collinear overlap is left to the clipper.
 */
function splitOverlappingEdges(coords: Float64Array, edges: LayerEdge[]): string | null {
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i] as LayerEdge;
    const ax = coords[e.vertex * 2] as number;
    const ay = coords[e.vertex * 2 + 1] as number;
    const rx = (coords[e.vertex * 2 + 2] as number) - ax;
    const ry = (coords[e.vertex * 2 + 3] as number) - ay;
    for (let j = i + 1; j < edges.length; j++) {
      const f = edges[j] as LayerEdge;
      if (f.slot === e.slot) continue;
      const cx = coords[f.vertex * 2] as number;
      const cy = coords[f.vertex * 2 + 1] as number;
      const sx = (coords[f.vertex * 2 + 2] as number) - cx;
      const sy = (coords[f.vertex * 2 + 3] as number) - cy;
      const qx = cx - ax;
      const qy = cy - ay;
      const denominator = rx * sy - ry * sx;
      if (Math.abs(denominator) <= 1e-12 * Math.hypot(rx, ry) * Math.hypot(sx, sy)) {
        if (
          Math.abs(qx * ry - qy * rx) <=
          1e-12 * (Math.hypot(qx, qy) + 1e-300) * Math.hypot(rx, ry) + 1e-24
        ) {
          const rr = rx * rx + ry * ry;
          const t0 = (qx * rx + qy * ry) / rr;
          const t1 = t0 + (sx * rx + sy * ry) / rr;
          if (Math.max(Math.min(t0, t1), 0) <= Math.min(Math.max(t0, t1), 1)) return 'collinear-layer-edges';
        }
        continue;
      }
      const t = (qx * sy - qy * sx) / denominator;
      const u = (qx * ry - qy * rx) / denominator;
      if (t < -END_EPSILON || t > 1 + END_EPSILON || u < -END_EPSILON || u > 1 + END_EPSILON) continue;
      if (t < END_EPSILON || t > 1 - END_EPSILON || u < END_EPSILON || u > 1 - END_EPSILON)
        return 'touching-layer-edges';
      const x = ax + t * rx;
      const y = ay + t * ry;
      e.crossings.push(t, x, y);
      f.crossings.push(u, x, y);
    }
  }
  return null;
}

function insideOtherSlot(
  index: OverlayIndex,
  slots: readonly number[],
  own: number,
  x: number,
  y: number,
): boolean {
  for (let s = 0; s < slots.length; s++) {
    const polygon = slots[s] as number;
    if (s !== own && index.polygonOverlaps[polygon] && pointInLayerPolygon(index, polygon, x, y)) return true;
  }
  return false;
}

/**
 * Fast intersection area of one parcel polygon ([outer, ...holes], lon/lat, closed rings) with
 * the union of a layer's polygons, or why it could not decide. `candidates` are the layer polygons
 * whose boxes meet the parcel box.
 */
export function fastOverlayArea(
  index: OverlayIndex,
  rings: readonly Ring[],
  box: readonly [number, number, number, number],
  candidates: readonly number[],
): FastOverlayOutcome {
  const [minX, minY, maxX, maxY] = box;
  scratch.index = index;
  scratch.box = [minX, minY, maxX, maxY];
  scratch.slots = [];
  scratch.edges = [];
  index.chunkIndex.search(minX, minY, maxX, maxY, collectEdge);
  const { slots, edges } = scratch;
  scratch.index = null;
  const coords = index.coords;
  if (edges.length === 0) return { kind: 'no-edges' };

  const start = rings[0]?.[0] as number[];
  const startX = start[0] as number;
  const startY = start[1] as number;
  for (const candidate of candidates) {
    if (!slots.includes(candidate) && pointInLayerPolygon(index, candidate, startX, startY))
      return { kind: 'contained' };
  }
  // Two layer polygons overlapping each other here: their boundaries inside one another are not
  // boundaries of the union, so split them where they cross and drop pieces inside another polygon.
  let overlapping = 0;
  for (const polygon of slots) overlapping += index.polygonOverlaps[polygon] as number;
  const union = overlapping >= 2;
  if (union) {
    const why = splitOverlappingEdges(coords, edges);
    if (why) return { kind: 'degenerate', why };
  }

  let parcelEdges = 0;
  for (const ring of rings) parcelEdges += Math.max(0, ring.length - 1);
  const edgeIndex = parcelEdges * edges.length >= EDGE_INDEX_FROM ? indexEdges(coords, edges) : null;

  const projection = new LocalEqualAreaProjection((minX + maxX) / 2, (minY + maxY) / 2);
  let doubleArea = 0;
  const states = new Uint8Array(slots.length);
  const initial = new Uint8Array(slots.length);
  const hits: number[] = []; // t, slot, x, y per crossing on the current parcel edge
  const order: number[] = [];

  for (let k = 0; k < rings.length; k++) {
    const ring = rings[k] as Ring;
    let ringArea = 0;
    for (let i = 0, n = ring.length - 1; i < n; i++) {
      const a = ring[i] as number[];
      const b = ring[i + 1] as number[];
      ringArea += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
    }
    const sign = (k === 0) === ringArea > 0 ? 1 : -1;
    const first = ring[0] as number[];
    let inside = 0;
    for (let s = 0; s < slots.length; s++) {
      const state = pointInLayerPolygon(index, slots[s] as number, first[0] as number, first[1] as number)
        ? 1
        : 0;
      states[s] = state;
      initial[s] = state;
      inside += state;
    }
    projection.project(first[0] as number, first[1] as number);
    let px = projection.x;
    let py = projection.y;
    for (let i = 0, n = ring.length - 1; i < n; i++) {
      const a = ring[i] as number[];
      const b = ring[i + 1] as number[];
      const ax = a[0] as number;
      const ay = a[1] as number;
      const bx = b[0] as number;
      const by = b[1] as number;
      const rx = bx - ax;
      const ry = by - ay;
      hits.length = 0;
      const near = edgeIndex?.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
      for (let j = 0, count = near ? near.length : edges.length; j < count; j++) {
        const edge = edges[near ? (near[j] as number) : j] as LayerEdge;
        const v = edge.vertex;
        const cx = coords[v * 2] as number;
        const cy = coords[v * 2 + 1] as number;
        const dx = coords[v * 2 + 2] as number;
        const dy = coords[v * 2 + 3] as number;
        if ((ax < cx && ax < dx && bx < cx && bx < dx) || (ax > cx && ax > dx && bx > cx && bx > dx))
          continue;
        if ((ay < cy && ay < dy && by < cy && by < dy) || (ay > cy && ay > dy && by > cy && by > dy))
          continue;
        const sx = dx - cx;
        const sy = dy - cy;
        const qx = cx - ax;
        const qy = cy - ay;
        const denominator = rx * sy - ry * sx;
        const scale = Math.hypot(rx, ry) * Math.hypot(sx, sy);
        if (Math.abs(denominator) <= 1e-12 * scale) {
          // Parallel: harmless unless collinear and overlapping (a shared boundary).
          const offset = qx * ry - qy * rx;
          if (Math.abs(offset) <= 1e-12 * (Math.hypot(qx, qy) + 1e-300) * Math.hypot(rx, ry) + 1e-24) {
            const rr = rx * rx + ry * ry;
            const t0 = (qx * rx + qy * ry) / rr;
            const t1 = t0 + (sx * rx + sy * ry) / rr;
            if (Math.max(Math.min(t0, t1), 0) <= Math.min(Math.max(t0, t1), 1)) {
              return { kind: 'degenerate', why: 'collinear-overlap' };
            }
          }
          continue;
        }
        const t = (qx * sy - qy * sx) / denominator;
        const u = (qx * ry - qy * rx) / denominator;
        if (t < -END_EPSILON || t > 1 + END_EPSILON || u < -END_EPSILON || u > 1 + END_EPSILON) continue;
        if (t < END_EPSILON || t > 1 - END_EPSILON || u < END_EPSILON || u > 1 - END_EPSILON) {
          return { kind: 'degenerate', why: 'touching-vertex' };
        }
        const x = ax + t * rx;
        const y = ay + t * ry;
        hits.push(t, edge.slot, x, y);
        edge.crossings.push(u, x, y);
      }
      order.length = 0;
      for (let h = 0; h < hits.length; h += 4) order.push(h);
      if (order.length > 1) order.sort((p, q) => (hits[p] as number) - (hits[q] as number));
      for (const h of order) {
        projection.project(hits[h + 2] as number, hits[h + 3] as number);
        if (inside > 0) doubleArea += sign * (px * projection.y - projection.x * py);
        px = projection.x;
        py = projection.y;
        const slot = hits[h + 1] as number;
        if (states[slot]) {
          states[slot] = 0;
          inside--;
        } else {
          states[slot] = 1;
          inside++;
        }
      }
      projection.project(bx, by);
      if (inside > 0) doubleArea += sign * (px * projection.y - projection.x * py);
      px = projection.x;
      py = projection.y;
    }
    for (let s = 0; s < slots.length; s++) {
      if (states[s] !== initial[s]) return { kind: 'degenerate', why: 'parity' };
    }
  }

  const inParcel = createRingsTester(rings);
  for (const edge of edges) {
    const v = edge.vertex;
    const sign = index.ringSign[edge.ring] as number;
    const points = [coords[v * 2] as number, coords[v * 2 + 1] as number];
    const list = edge.crossings;
    if (list.length > 3) {
      const byU: number[] = [];
      for (let c = 0; c < list.length; c += 3) byU.push(c);
      byU.sort((p, q) => (list[p] as number) - (list[q] as number));
      for (const c of byU) points.push(list[c + 1] as number, list[c + 2] as number);
    } else if (list.length === 3) {
      points.push(list[1] as number, list[2] as number);
    }
    points.push(coords[v * 2 + 2] as number, coords[v * 2 + 3] as number);
    for (let p = 0; p + 3 < points.length; p += 2) {
      const x0 = points[p] as number;
      const y0 = points[p + 1] as number;
      const x1 = points[p + 2] as number;
      const y1 = points[p + 3] as number;
      const mx = (x0 + x1) / 2;
      const my = (y0 + y1) / 2;
      if (!inParcel(mx, my)) continue;
      if (union && insideOtherSlot(index, slots, edge.slot, mx, my)) continue;
      projection.project(x0, y0);
      const qx = projection.x;
      const qy = projection.y;
      projection.project(x1, y1);
      doubleArea += sign * (qx * projection.y - projection.x * qy);
    }
  }
  return { kind: 'area', insideM2: doubleArea / 2 };
}
