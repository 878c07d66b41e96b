import type { MultiPolygonGeometry, PolygonGeometry } from '../geo/geometry.types';
import type { ShapefileFeature, ShapefileNotes, ShapefileOptions } from './shapefile-writer.types';

const SHAPE_NULL = 0;
const SHAPE_POLYGON = 5;

/**
 * Every ring of the layer in one flat coordinate array (closed; rings under 3 positions left out,
 * as ESRI readers would reject them), with each feature's ring range and each ring's vertex range.
 */
interface FlatRings {
  coords: Float64Array;
  /** Ring k spans vertices [ringStart[k], ringStart[k + 1]). */
  ringStart: Int32Array;
  /** Feature f owns rings [featureRing[f], featureRing[f + 1]); outer rings flagged in `outer`. */
  featureRing: Int32Array;
  outer: Uint8Array;
}

const polygonsOf = (geometry: PolygonGeometry | MultiPolygonGeometry) =>
  geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;

function flatten(features: ShapefileFeature[]): FlatRings {
  let rings = 0;
  let vertices = 0;
  for (const feature of features) {
    if (!feature.geometry) continue;
    for (const polygon of polygonsOf(feature.geometry)) {
      for (const ring of polygon) {
        if (ring.length < 3) continue;
        const first = ring[0];
        const last = ring[ring.length - 1];
        const open = !!first && !!last && (first[0] !== last[0] || first[1] !== last[1]);
        rings++;
        vertices += ring.length + (open ? 1 : 0);
      }
    }
  }
  const coords = new Float64Array(vertices * 2);
  const ringStart = new Int32Array(rings + 1);
  const featureRing = new Int32Array(features.length + 1);
  const outer = new Uint8Array(rings);
  let ring = 0;
  let v = 0;
  features.forEach((feature, f) => {
    featureRing[f] = ring;
    if (!feature.geometry) return;
    for (const polygon of polygonsOf(feature.geometry)) {
      polygon.forEach((positions, i) => {
        if (positions.length < 3) return;
        ringStart[ring] = v;
        outer[ring] = i === 0 ? 1 : 0;
        for (const p of positions) {
          coords[2 * v] = p[0] ?? 0;
          coords[2 * v + 1] = p[1] ?? 0;
          v++;
        }
        const first = positions[0];
        const last = positions[positions.length - 1];
        if (first && last && (first[0] !== last[0] || first[1] !== last[1])) {
          coords[2 * v] = first[0] ?? 0;
          coords[2 * v + 1] = first[1] ?? 0;
          v++;
        }
        ring++;
      });
    }
  });
  featureRing[features.length] = ring;
  ringStart[ring] = v;
  return { coords, ringStart, featureRing, outer };
}

/** Projects the flat coordinates to the output plane (in place, or point by point). */
function projectAll(
  coords: Float64Array,
  options: Pick<ShapefileOptions, 'project' | 'projectInPlace'>,
): void {
  const vertices = coords.length / 2;
  if (options.projectInPlace) options.projectInPlace(coords, 0, vertices);
  else if (options.project) {
    for (let i = 0; i < vertices; i++) {
      const [x, y] = options.project(coords[2 * i] as number, coords[2 * i + 1] as number);
      coords[2 * i] = x;
      coords[2 * i + 1] = y;
    }
  }
}

/** True when the ring [start, end) runs clockwise in the x/y plane (negative shoelace). */
function isClockwise(coords: Float64Array, start: number, end: number): boolean {
  let twiceArea = 0;
  for (let i = start; i + 1 < end; i++) {
    twiceArea += (coords[2 * i] as number) * (coords[2 * i + 3] as number);
    twiceArea -= (coords[2 * i + 2] as number) * (coords[2 * i + 1] as number);
  }
  return twiceArea < 0;
}

/**
 * The .shp and .shx of a polygon layer, written straight from one flat coordinate array: each
 * polygon's outer ring clockwise, its holes counter-clockwise (ESRI order), every ring closed.
 */
export function writeShapes(
  features: ShapefileFeature[],
  options: Pick<ShapefileOptions, 'project' | 'projectInPlace'>,
  notes: ShapefileNotes,
): { shp: Uint8Array; shx: Uint8Array } {
  const { coords, ringStart, featureRing, outer } = flatten(features);
  projectAll(coords, options);
  const count = features.length;
  // Content length in bytes of each record (without its 8-byte header).
  let shpLength = 100;
  for (let f = 0; f < count; f++) {
    const parts = (featureRing[f + 1] as number) - (featureRing[f] as number);
    const points =
      (ringStart[featureRing[f + 1] as number] as number) - (ringStart[featureRing[f] as number] as number);
    shpLength += 8 + (parts === 0 ? 4 : 44 + 4 * parts + 16 * points);
  }
  const shxLength = 100 + 8 * count;
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(shxLength);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let offset = 100;
  for (let f = 0; f < count; f++) {
    const firstRing = featureRing[f] as number;
    const endRing = featureRing[f + 1] as number;
    const parts = endRing - firstRing;
    const from = ringStart[firstRing] as number;
    const to = ringStart[endRing] as number;
    const contentLength = parts === 0 ? 4 : 44 + 4 * parts + 16 * (to - from);
    shxView.setInt32(100 + f * 8, offset / 2, false);
    shxView.setInt32(100 + f * 8 + 4, contentLength / 2, false);
    shpView.setInt32(offset, f + 1, false);
    shpView.setInt32(offset + 4, contentLength / 2, false);
    const at = offset + 8;
    if (parts === 0) {
      notes.nullGeometries++;
      shpView.setInt32(at, SHAPE_NULL, true);
      offset += 8 + contentLength;
      continue;
    }
    let bx0 = Infinity;
    let by0 = Infinity;
    let bx1 = -Infinity;
    let by1 = -Infinity;
    for (let i = from; i < to; i++) {
      const x = coords[2 * i] as number;
      const y = coords[2 * i + 1] as number;
      if (x < bx0) bx0 = x;
      if (y < by0) by0 = y;
      if (x > bx1) bx1 = x;
      if (y > by1) by1 = y;
    }
    minX = Math.min(minX, bx0);
    minY = Math.min(minY, by0);
    maxX = Math.max(maxX, bx1);
    maxY = Math.max(maxY, by1);
    shpView.setInt32(at, SHAPE_POLYGON, true);
    shpView.setFloat64(at + 4, bx0, true);
    shpView.setFloat64(at + 12, by0, true);
    shpView.setFloat64(at + 20, bx1, true);
    shpView.setFloat64(at + 28, by1, true);
    shpView.setInt32(at + 36, parts, true);
    shpView.setInt32(at + 40, to - from, true);
    let p = at + 44 + 4 * parts;
    for (let k = firstRing; k < endRing; k++) {
      const start = ringStart[k] as number;
      const end = ringStart[k + 1] as number;
      shpView.setInt32(at + 44 + 4 * (k - firstRing), start - from, true);
      const forward = isClockwise(coords, start, end) === (outer[k] === 1);
      for (let j = 0; j < end - start; j++) {
        const i = forward ? start + j : end - 1 - j;
        shpView.setFloat64(p, coords[2 * i] as number, true);
        shpView.setFloat64(p + 8, coords[2 * i + 1] as number, true);
        p += 16;
      }
    }
    offset += 8 + contentLength;
  }
  // An all-null layer has no extent; zeros are what other writers put there.
  if (minX > maxX) {
    minX = 0;
    minY = 0;
    maxX = 0;
    maxY = 0;
  }
  for (const [view, length] of [
    [shpView, shpLength],
    [shxView, shxLength],
  ] as const) {
    view.setInt32(0, 9994, false);
    view.setInt32(24, length / 2, false);
    view.setInt32(28, 1000, true);
    view.setInt32(32, SHAPE_POLYGON, true);
    view.setFloat64(36, minX, true);
    view.setFloat64(44, minY, true);
    view.setFloat64(52, maxX, true);
    view.setFloat64(60, maxY, true);
  }
  return { shp, shx };
}
