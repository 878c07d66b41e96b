import type { FlatRing } from './flat-ring';
import type { AreaGeometry, BBox, Ring } from './geometry.types';

/**
 * Polygons and MultiPolygons (x, y only) as a few flat arrays: how IndexedDB stores a chunk's
 * geometries (db/chunk-codec) and how the map-tiles worker keeps a county's parcels until it needs
 * them as GeoJSON. 1.34 M positions are one Float64Array instead of 1.34 M small arrays, which
 * the garbage collector would otherwise walk again and again.
 */
export interface PackedGeometry {
  /** x0, y0, x1, y1, … for every position of every ring. */
  coords: ArrayLike<number>;
  /** Per ring: the end (exclusive) of its positions, counted in positions. */
  ringEnds: ArrayLike<number>;
  /** Per polygon: the end (exclusive) of its rings. */
  polygonEnds: ArrayLike<number>;
  /** Per geometry: the end (exclusive) of its polygons; stored as -(end + 1) for a MultiPolygon. */
  geometryEnds: ArrayLike<number>;
}

const polygonEnd = (stored: number) => (stored < 0 ? -stored - 1 : stored);

/**
 * Packs geometries given as their polygons (each [outer, ...holes]), or as a flat ring (a one-ring
 * Polygon, flat-ring.ts: its positions are copied straight from its flat array); `multi[g]` marks
 * a MultiPolygon.
 */
export function packPolygons(
  all: readonly ((readonly Ring[])[] | FlatRing)[],
  multi: readonly boolean[],
): PackedGeometry {
  let positions = 0;
  let rings = 0;
  let polygons = 0;
  for (const polys of all) {
    if (!Array.isArray(polys)) {
      const flat = polys as FlatRing;
      positions += flat.end - flat.start;
      rings++;
      polygons++;
      continue;
    }
    polygons += polys.length;
    for (const polygon of polys) {
      rings += polygon.length;
      for (const ring of polygon) positions += ring.length;
    }
  }
  const coords = new Float64Array(positions * 2);
  const ringEnds = new Int32Array(rings);
  const polygonEnds = new Int32Array(polygons);
  const geometryEnds = new Int32Array(all.length);
  let c = 0;
  let r = 0;
  let pg = 0;
  let end = 0;
  // Flat rings that follow one another in the same array (an importer's rings, in record order) are
  // copied as one run when it breaks: one native copy per chunk instead of a loop over every
  // number, and no subarray per ring.
  let runFrom: Float64Array | null = null;
  let runStart = 0;
  let runEnd = 0;
  const flushRun = () => {
    if (runFrom && runEnd > runStart) {
      coords.set(runFrom.subarray(runStart, runEnd), c);
      c += runEnd - runStart;
    }
    runFrom = null;
  };
  all.forEach((polys, g) => {
    if (!Array.isArray(polys)) {
      const { coords: from, start, end: stop } = polys as FlatRing;
      if (from !== runFrom || start * 2 !== runEnd) {
        flushRun();
        runFrom = from;
        runStart = start * 2;
      }
      runEnd = stop * 2;
      end += stop - start;
      ringEnds[r++] = end;
      polygonEnds[pg++] = r;
    } else {
      flushRun();
      for (const polygon of polys) {
        for (const ring of polygon) {
          for (const p of ring) {
            coords[c++] = p[0] as number;
            coords[c++] = p[1] as number;
          }
          end += ring.length;
          ringEnds[r++] = end;
        }
        polygonEnds[pg++] = r;
      }
    }
    geometryEnds[g] = multi[g] ? -(pg + 1) : pg;
  });
  flushRun();
  return { coords, ringEnds, polygonEnds, geometryEnds };
}

/** How many geometries a packed list holds. */
export function packedCount(packed: PackedGeometry): number {
  return packed.geometryEnds.length;
}

/** Where geometry g's polygons, rings and positions start. */
function startsOf(packed: PackedGeometry, g: number): { polygon: number; ring: number; position: number } {
  const polygon = g === 0 ? 0 : polygonEnd(packed.geometryEnds[g - 1] as number);
  const ring = polygon === 0 ? 0 : (packed.polygonEnds[polygon - 1] as number);
  const position = ring === 0 ? 0 : (packed.ringEnds[ring - 1] as number);
  return { polygon, ring, position };
}

/** Geometry g as GeoJSON (new arrays). */
export function unpackGeometry(packed: PackedGeometry, g: number): AreaGeometry {
  const { coords, ringEnds, polygonEnds, geometryEnds } = packed;
  const stored = geometryEnds[g] as number;
  let { polygon, ring, position } = startsOf(packed, g);
  const polygons: Ring[][] = [];
  for (const last = polygonEnd(stored); polygon < last; polygon++) {
    const rings: Ring[] = [];
    for (const ringEnd = polygonEnds[polygon] as number; ring < ringEnd; ring++) {
      const end = ringEnds[ring] as number;
      const points: Ring = new Array(end - position);
      for (let k = 0; position < end; position++, k++)
        points[k] = [coords[2 * position] as number, coords[2 * position + 1] as number];
      rings.push(points);
    }
    polygons.push(rings);
  }
  return stored < 0
    ? { type: 'MultiPolygon', coordinates: polygons }
    : { type: 'Polygon', coordinates: polygons[0] ?? [] };
}

/** Every geometry as GeoJSON, in order. */
export function unpackGeometries(packed: PackedGeometry): AreaGeometry[] {
  const out: AreaGeometry[] = new Array(packedCount(packed));
  for (let g = 0; g < out.length; g++) out[g] = unpackGeometry(packed, g);
  return out;
}

/** Bounding box of geometry g's outer rings (as bboxOf of its GeoJSON), without building it. */
export function packedBBox(packed: PackedGeometry, g: number): BBox {
  const { coords, ringEnds, polygonEnds, geometryEnds } = packed;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const first = startsOf(packed, g).polygon;
  for (let polygon = first, last = polygonEnd(geometryEnds[g] as number); polygon < last; polygon++) {
    // The outer ring is the polygon's first: where the previous polygon's rings end.
    const outer = polygon === 0 ? 0 : (polygonEnds[polygon - 1] as number);
    if (outer >= (polygonEnds[polygon] as number)) continue;
    const from = outer === 0 ? 0 : (ringEnds[outer - 1] as number);
    for (let p = from, end = ringEnds[outer] as number; p < end; p++) {
      const x = coords[2 * p] as number;
      const y = coords[2 * p + 1] as number;
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}
