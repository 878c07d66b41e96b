import Flatbush from 'flatbush';
import type { Ring } from '../geometry.types';

/** Below this many segments a plain double loop beats building an index (most parcels have < 30). */
const BRUTE_FORCE_SEGMENTS = 64;

/** Orientation of c against segment a→b: > 0 left, < 0 right, 0 collinear. */
function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}
const within = (a: number, b: number, c: number): boolean => Math.min(a, b) <= c && c <= Math.max(a, b);

/** True when closed segments p1p2 and q1q2 share at least one point. */
function segmentsIntersect(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): boolean {
  const d1 = orient(q1x, q1y, q2x, q2y, p1x, p1y);
  const d2 = orient(q1x, q1y, q2x, q2y, p2x, p2y);
  const d3 = orient(p1x, p1y, p2x, p2y, q1x, q1y);
  const d4 = orient(p1x, p1y, p2x, p2y, q2x, q2y);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  if (d1 === 0 && within(q1x, q2x, p1x) && within(q1y, q2y, p1y)) return true;
  if (d2 === 0 && within(q1x, q2x, p2x) && within(q1y, q2y, p2y)) return true;
  if (d3 === 0 && within(p1x, p2x, q1x) && within(p1y, p2y, q1y)) return true;
  if (d4 === 0 && within(p1x, p2x, q2x) && within(p1y, p2y, q2y)) return true;
  return false;
}

let scratch = { segRing: new Uint32Array(256), segIndex: new Uint32Array(256), xy: new Float64Array(1024) };

/**
 * Tests segments i and j of the scratch buffers and records a crossing. Module level, not a closure
 * per call: a county validates 100k small polygons.
 */
function checkPair(
  segmentsPerRing: readonly number[],
  crossings: SegmentCrossing[],
  i: number,
  j: number,
): void {
  const { segRing, segIndex, xy } = scratch;
  const ri = segRing[i] as number;
  const rj = segRing[j] as number;
  const si = segIndex[i] as number;
  const sj = segIndex[j] as number;
  const p1x = xy[i * 4] as number;
  const p1y = xy[i * 4 + 1] as number;
  const p2x = xy[i * 4 + 2] as number;
  const p2y = xy[i * 4 + 3] as number;
  const q1x = xy[j * 4] as number;
  const q1y = xy[j * 4 + 1] as number;
  const q2x = xy[j * 4 + 2] as number;
  const q2y = xy[j * 4 + 3] as number;
  if (ri === rj) {
    const n = segmentsPerRing[ri] as number;
    const next = (si + 1) % n === sj;
    const prev = (sj + 1) % n === si;
    if (next || prev) {
      // Neighbours share one vertex by construction; only a fold-back (spike) is a fault.
      const ax = next ? p1x : q1x;
      const ay = next ? p1y : q1y;
      const bx = next ? p2x : q2x;
      const by = next ? p2y : q2y;
      const cx = next ? q2x : p2x;
      const cy = next ? q2y : p2y;
      if (
        n > 2 &&
        orient(ax, ay, bx, by, cx, cy) === 0 &&
        (bx - ax) * (cx - bx) + (by - ay) * (cy - by) < 0
      ) {
        crossings.push({ ringA: ri, segmentA: si, ringB: rj, segmentB: sj });
      }
      return;
    }
  }
  if (segmentsIntersect(p1x, p1y, p2x, p2y, q1x, q1y, q2x, q2y)) {
    crossings.push({ ringA: ri, segmentA: si, ringB: rj, segmentB: sj });
  }
}

/** One pair of segments that meet where they should not: (ring, segment index) each. */
export interface SegmentCrossing {
  ringA: number;
  segmentA: number;
  ringB: number;
  segmentB: number;
}

/**
 * Finds pairs of segments of a polygon's rings (shell and holes; each ring closed, no consecutive
 * duplicates) that touch or cross, other than neighbours sharing their common vertex. A spike
 * (a neighbour folding back onto its predecessor) counts too. Uses a Flatbush over the segments
 * above 64 segments, so a 20k-vertex ring costs about n log n, not n². Stops after `limit` pairs.
 */
export function findSegmentCrossings(rings: readonly Ring[], limit = 100): SegmentCrossing[] {
  const segmentsPerRing = rings.map((ring) => Math.max(0, ring.length - 1));
  const total = segmentsPerRing.reduce((sum, n) => sum + n, 0);
  // Scratch buffers reused across calls: a county validates 100k small polygons, and allocating
  // three typed arrays per polygon cost more than the intersection tests themselves.
  reserve(total);
  const { segRing, segIndex, xy } = scratch;
  let s = 0;
  for (let r = 0; r < rings.length; r++) {
    const ring = rings[r] as Ring;
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i] as number[];
      const b = ring[i + 1] as number[];
      segRing[s] = r;
      segIndex[s] = i;
      xy[s * 4] = a[0] as number;
      xy[s * 4 + 1] = a[1] as number;
      xy[s * 4 + 2] = b[0] as number;
      xy[s * 4 + 3] = b[1] as number;
      s++;
    }
  }
  return searchCrossings(segmentsPerRing, total, limit);
}

/**
 * findSegmentCrossings for one ring given as positions start … end − 1 of a flat x, y array (closed,
 * no consecutive duplicates): the same pairs, without building the ring.
 */
export function findFlatRingCrossings(
  coords: Float64Array,
  start: number,
  end: number,
  limit = 100,
): SegmentCrossing[] {
  const total = Math.max(0, end - start - 1);
  reserve(total);
  const { segRing, segIndex, xy } = scratch;
  for (let s = 0; s < total; s++) {
    const a = (start + s) * 2;
    segRing[s] = 0;
    segIndex[s] = s;
    xy[s * 4] = coords[a] as number;
    xy[s * 4 + 1] = coords[a + 1] as number;
    xy[s * 4 + 2] = coords[a + 2] as number;
    xy[s * 4 + 3] = coords[a + 3] as number;
  }
  return searchCrossings([total], total, limit);
}

function reserve(total: number): void {
  if (scratch.segRing.length < total) {
    const size = Math.max(total, scratch.segRing.length * 2);
    scratch = {
      segRing: new Uint32Array(size),
      segIndex: new Uint32Array(size),
      xy: new Float64Array(size * 4),
    };
  }
}

/** The crossings among the `total` segments in the scratch buffers. */
function searchCrossings(
  segmentsPerRing: readonly number[],
  total: number,
  limit: number,
): SegmentCrossing[] {
  const { xy } = scratch;
  const crossings: SegmentCrossing[] = [];

  if (total <= BRUTE_FORCE_SEGMENTS) {
    // Segments whose boxes are apart cannot meet (neighbours always share a vertex, so their
    // boxes touch): the box test skips most pairs before any orientation is computed.
    for (let i = 0; i < total && crossings.length < limit; i++) {
      const ax = xy[i * 4] as number;
      const ay = xy[i * 4 + 1] as number;
      const bx = xy[i * 4 + 2] as number;
      const by = xy[i * 4 + 3] as number;
      const minX = ax < bx ? ax : bx;
      const maxX = ax < bx ? bx : ax;
      const minY = ay < by ? ay : by;
      const maxY = ay < by ? by : ay;
      for (let j = i + 1; j < total && crossings.length < limit; j++) {
        const cx = xy[j * 4] as number;
        const dx = xy[j * 4 + 2] as number;
        if ((cx < minX && dx < minX) || (cx > maxX && dx > maxX)) continue;
        const cy = xy[j * 4 + 1] as number;
        const dy = xy[j * 4 + 3] as number;
        if ((cy < minY && dy < minY) || (cy > maxY && dy > maxY)) continue;
        checkPair(segmentsPerRing, crossings, i, j);
      }
    }
    return crossings;
  }
  const index = new Flatbush(total);
  for (let i = 0; i < total; i++) {
    const ax = xy[i * 4] as number;
    const ay = xy[i * 4 + 1] as number;
    const bx = xy[i * 4 + 2] as number;
    const by = xy[i * 4 + 3] as number;
    index.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }
  index.finish();
  for (let i = 0; i < total && crossings.length < limit; i++) {
    const ax = xy[i * 4] as number;
    const ay = xy[i * 4 + 1] as number;
    const bx = xy[i * 4 + 2] as number;
    const by = xy[i * 4 + 3] as number;
    const hits = index.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    for (const j of hits) {
      if (j <= i) continue;
      checkPair(segmentsPerRing, crossings, i, j);
      if (crossings.length >= limit) break;
    }
  }
  return crossings;
}
