import Flatbush from 'flatbush';
import type { AreaGeometry, Ring } from '../geometry.types';
import { polygonsOf } from '../geometry.types';
import type { OverlayIndex } from './overlay.types';
import { findOverlappingPolygons } from './polygon-overlaps';

/**
 * Edges boxed together in the edge index: one box per edge would make a 2-million-edge farmland
 * layer a 2-million-item tree (slow to build, big); 8 consecutive edges are spatially tight anyway.
 */
export const EDGES_PER_CHUNK = 8;

function validRing(ring: unknown): ring is Ring {
  if (!Array.isArray(ring) || ring.length < 4) return false;
  for (const p of ring) {
    if (!Array.isArray(p)) return false;
    const x = p[0];
    const y = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
      return false;
  }
  return true;
}

function closed(ring: Ring): Ring {
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  return first[0] === last[0] && first[1] === last[1] ? ring : [...ring, first];
}

function signedArea(ring: Ring): number {
  let sum = 0;
  const x0 = (ring[0] as number[])[0] as number;
  const y0 = (ring[0] as number[])[1] as number;
  for (let i = 1; i < ring.length - 1; i++) {
    const a = ring[i] as number[];
    const b = ring[i + 1] as number[];
    sum +=
      ((a[0] as number) - x0) * ((b[1] as number) - y0) - ((b[0] as number) - x0) * ((a[1] as number) - y0);
  }
  return sum / 2;
}

/**
 * Prepares a control layer for overlay: flattens MultiPolygons, packs vertices into typed arrays and
 * builds two Flatbush trees (polygons, and edge runs). Built once per layer, reused for every parcel.
 * Polygons of one layer may overlap each other (farmland patches often do): overlay measures the
 * union, so nothing is counted twice.
 */
export function createOverlayIndex(features: readonly AreaGeometry[]): OverlayIndex {
  const polygons: Ring[][] = [];
  const polygonFeature: number[] = [];
  const skipped: { feature: number; reason: string }[] = [];
  features.forEach((feature, featureIndex) => {
    if (!feature || (feature.type !== 'Polygon' && feature.type !== 'MultiPolygon')) {
      skipped.push({ feature: featureIndex, reason: 'not-a-polygon' });
      return;
    }
    for (const polygon of polygonsOf(feature)) {
      if (!Array.isArray(polygon) || polygon.length === 0 || !polygon.every(validRing)) {
        skipped.push({ feature: featureIndex, reason: 'invalid-ring' });
        continue;
      }
      polygons.push(polygon.map(closed));
      polygonFeature.push(featureIndex);
    }
  });

  let vertexCount = 0;
  let ringCount = 0;
  let chunkCount = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      vertexCount += ring.length;
      ringCount++;
      chunkCount += Math.ceil((ring.length - 1) / EDGES_PER_CHUNK);
    }
  }
  const coords = new Float64Array(vertexCount * 2);
  const ringOffsets = new Uint32Array(ringCount + 1);
  const ringPolygon = new Uint32Array(ringCount);
  const ringSign = new Int8Array(ringCount);
  const chunkFirstVertex = new Uint32Array(chunkCount);
  const chunkEdgeCount = new Uint8Array(chunkCount);
  const chunkPolygon = new Uint32Array(chunkCount);
  const chunkRing = new Uint32Array(chunkCount);
  const polygonIndex = new Flatbush(Math.max(1, polygons.length));
  const polygonBoxes = new Float64Array(polygons.length * 4);
  const chunkIndex = new Flatbush(Math.max(1, chunkCount));

  let vertex = 0;
  let ring = 0;
  let chunk = 0;
  polygons.forEach((polygon, polygonId) => {
    polygon.forEach((coordinates, ringInPolygon) => {
      ringOffsets[ring] = vertex;
      ringPolygon[ring] = polygonId;
      const area = signedArea(coordinates);
      ringSign[ring] = (ringInPolygon === 0) === area > 0 ? 1 : -1;
      const ringStart = vertex;
      for (const p of coordinates) {
        coords[vertex * 2] = p[0] as number;
        coords[vertex * 2 + 1] = p[1] as number;
        vertex++;
      }
      const edges = coordinates.length - 1;
      for (let e = 0; e < edges; e += EDGES_PER_CHUNK) {
        const count = Math.min(EDGES_PER_CHUNK, edges - e);
        let minX = Infinity;
        let minY = Infinity;
        let maxX = -Infinity;
        let maxY = -Infinity;
        for (let v = ringStart + e; v <= ringStart + e + count; v++) {
          const x = coords[v * 2] as number;
          const y = coords[v * 2 + 1] as number;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
        chunkFirstVertex[chunk] = ringStart + e;
        chunkEdgeCount[chunk] = count;
        chunkPolygon[chunk] = polygonId;
        chunkRing[chunk] = ring;
        chunkIndex.add(minX, minY, maxX, maxY);
        chunk++;
      }
      ring++;
    });
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const p of polygon[0] as Ring) {
      const x = p[0] as number;
      const y = p[1] as number;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    polygonIndex.add(minX, minY, maxX, maxY);
    polygonBoxes.set([minX, minY, maxX, maxY], polygonId * 4);
  });
  ringOffsets[ring] = vertex;
  // Flatbush refuses to finish an empty tree; an unmatchable box keeps the empty layer valid.
  if (polygons.length === 0) polygonIndex.add(Infinity, Infinity, Infinity, Infinity);
  if (chunkCount === 0) chunkIndex.add(Infinity, Infinity, Infinity, Infinity);
  polygonIndex.finish();
  chunkIndex.finish();
  const partial = {
    polygons,
    polygonFeature: Uint32Array.from(polygonFeature),
    coords,
    ringOffsets,
    ringPolygon,
    ringSign,
    polygonIndex,
    chunkIndex,
    chunkFirstVertex,
    chunkEdgeCount,
    chunkPolygon,
    chunkRing,
    polygonBoxes,
    skipped,
  };
  return { ...partial, polygonOverlaps: findOverlappingPolygons(partial) };
}
