import type { LayerGeometryIndex } from './overlay.types';
import { pointInLayerPolygon } from './point-in-layer';

function collectEdges(index: LayerGeometryIndex, polygon: number, box: number[], out: number[]): void {
  out.length = 0;
  const [minX = 0, minY = 0, maxX = 0, maxY = 0] = box;
  index.chunkIndex.search(minX, minY, maxX, maxY, (chunk) => {
    if (index.chunkPolygon[chunk] !== polygon) return false;
    const first = index.chunkFirstVertex[chunk] as number;
    for (let v = first; v < first + (index.chunkEdgeCount[chunk] as number); v++) out.push(v);
    return false;
  });
}

function properlyCross(coords: Float64Array, v: number, w: number): boolean {
  const ax = coords[v * 2] as number;
  const ay = coords[v * 2 + 1] as number;
  const bx = coords[v * 2 + 2] as number;
  const by = coords[v * 2 + 3] as number;
  const cx = coords[w * 2] as number;
  const cy = coords[w * 2 + 1] as number;
  const dx = coords[w * 2 + 2] as number;
  const dy = coords[w * 2 + 3] as number;
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx)) return false;
  if (Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  const o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  const o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/**
 * Flags polygons whose interiors may overlap another polygon of the same layer. Polygons that only
 * share edges (a tessellated 三调 farmland layer) are not flagged, so overlay can add their parts up;
 * flagged pairs are unioned before measuring so no overlap is counted twice. Conservative: a vertex
 * lying exactly on the other boundary may flag a pair that only touches (costs speed, not accuracy).
 */
export function findOverlappingPolygons(index: LayerGeometryIndex): Uint8Array {
  const count = index.polygons.length;
  const flags = new Uint8Array(count);
  const boxes = index.polygonBoxes;
  const edgesA: number[] = [];
  const edgesB: number[] = [];
  for (let p = 0; p < count; p++) {
    const pMinX = boxes[p * 4] as number;
    const pMinY = boxes[p * 4 + 1] as number;
    const pMaxX = boxes[p * 4 + 2] as number;
    const pMaxY = boxes[p * 4 + 3] as number;
    for (const q of index.polygonIndex.search(pMinX, pMinY, pMaxX, pMaxY)) {
      if (q <= p || (flags[p] && flags[q])) continue;
      const box = [
        Math.max(pMinX, boxes[q * 4] as number),
        Math.max(pMinY, boxes[q * 4 + 1] as number),
        Math.min(pMaxX, boxes[q * 4 + 2] as number),
        Math.min(pMaxY, boxes[q * 4 + 3] as number),
      ];
      collectEdges(index, p, box, edgesA);
      collectEdges(index, q, box, edgesB);
      let overlap = false;
      for (let i = 0; i < edgesA.length && !overlap; i++) {
        for (let j = 0; j < edgesB.length; j++) {
          if (properlyCross(index.coords, edgesA[i] as number, edgesB[j] as number)) {
            overlap = true;
            break;
          }
        }
      }
      if (!overlap) {
        const a = edgesA[0];
        const b = edgesB[0];
        const c = index.coords;
        overlap =
          (a !== undefined && pointInLayerPolygon(index, q, c[a * 2] as number, c[a * 2 + 1] as number)) ||
          (b !== undefined && pointInLayerPolygon(index, p, c[b * 2] as number, c[b * 2 + 1] as number));
      }
      if (overlap) {
        flags[p] = 1;
        flags[q] = 1;
      }
    }
  }
  return flags;
}
