import Flatbush from 'flatbush';
import type { Ring } from '../geometry.types';
import type { LayerGeometryIndex } from './overlay.types';

/**
 * Even-odd test of (x, y) against one polygon of a layer (holes included), casting a ray to +x
 * through the edge index only as far as the polygon's box — a 4,000-vertex boundary costs a few
 * edges, not 4,000. Points exactly on the boundary may go either way; callers treat that as a
 * degenerate case elsewhere.
 */
export function pointInLayerPolygon(
  index: LayerGeometryIndex,
  polygon: number,
  x: number,
  y: number,
): boolean {
  const maxX = index.polygonBoxes[polygon * 4 + 2] as number;
  if (x > maxX) return false;
  ray.index = index;
  ray.polygon = polygon;
  ray.x = x;
  ray.y = y;
  ray.inside = false;
  index.chunkIndex.search(x, y, maxX, y, crossRay);
  ray.index = null;
  return ray.inside;
}

/** State of the current ray; a named filter instead of a closure keeps hot loops allocation-free. */
const ray = { index: null as LayerGeometryIndex | null, polygon: 0, x: 0, y: 0, inside: false };

function crossRay(chunk: number): boolean {
  const index = ray.index as LayerGeometryIndex;
  if (index.chunkPolygon[chunk] !== ray.polygon) return false;
  const coords = index.coords;
  const { x, y } = ray;
  const first = index.chunkFirstVertex[chunk] as number;
  const last = first + (index.chunkEdgeCount[chunk] as number);
  for (let v = first; v < last; v++) {
    const y1 = coords[v * 2 + 1] as number;
    const y2 = coords[v * 2 + 3] as number;
    if (y1 > y !== y2 > y) {
      const x1 = coords[v * 2] as number;
      const x2 = coords[v * 2 + 2] as number;
      if (x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) ray.inside = !ray.inside;
    }
  }
  return false;
}

/** Even-odd test of (x, y) against small rings (a parcel): a plain loop beats any index. */
export function pointInRings(rings: readonly Ring[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, n = ring.length - 1; i < n; i++) {
      const a = ring[i] as number[];
      const b = ring[i + 1] as number[];
      const y1 = a[1] as number;
      const y2 = b[1] as number;
      if (y1 > y !== y2 > y) {
        const x1 = a[0] as number;
        const x2 = b[0] as number;
        if (x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
      }
    }
  }
  return inside;
}

/** Parcel edge count above which an even-odd test goes through an edge index instead of a loop. */
const RINGS_INDEX_FROM = 2048;

/**
 * An even-odd tester for one parcel, to be asked many times: the plain loop of `pointInRings` for
 * ordinary parcels, an edge index (ray cast to +x through it) for parcels of thousands of vertices,
 * where thousands of questions × thousands of edges would be quadratic. Same formula, same answers.
 */
export function createRingsTester(rings: readonly Ring[]): (x: number, y: number) => boolean {
  let edgeCount = 0;
  for (const ring of rings) edgeCount += Math.max(0, ring.length - 1);
  if (edgeCount < RINGS_INDEX_FROM) return (x, y) => pointInRings(rings, x, y);
  const coords = new Float64Array(edgeCount * 4);
  const index = new Flatbush(edgeCount);
  let e = 0;
  let maxX = Number.NEGATIVE_INFINITY;
  for (const ring of rings) {
    for (let i = 0, n = ring.length - 1; i < n; i++, e++) {
      const a = ring[i] as number[];
      const b = ring[i + 1] as number[];
      const x1 = a[0] as number;
      const y1 = a[1] as number;
      const x2 = b[0] as number;
      const y2 = b[1] as number;
      coords.set([x1, y1, x2, y2], e * 4);
      index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
      maxX = Math.max(maxX, x1, x2);
    }
  }
  index.finish();
  return (x, y) => {
    if (x > maxX) return false;
    let inside = false;
    for (const edge of index.search(x, y, maxX, y)) {
      const y1 = coords[edge * 4 + 1] as number;
      const y2 = coords[edge * 4 + 3] as number;
      if (y1 > y !== y2 > y) {
        const x1 = coords[edge * 4] as number;
        const x2 = coords[edge * 4 + 2] as number;
        if (x < x1 + ((y - y1) * (x2 - x1)) / (y2 - y1)) inside = !inside;
      }
    }
    return inside;
  };
}
