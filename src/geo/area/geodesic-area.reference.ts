// The package is UMD/CommonJS: Node's ESM loader exposes it only as a default export.
import geographiclib from 'geographiclib-geodesic';
import type { AreaGeometry, Ring } from '../geometry.types';
import { polygonsOf } from '../geometry.types';
import { FLATTENING, SEMI_MAJOR_AXIS_M } from './ellipsoid.constants';

const CGCS2000 = new geographiclib.Geodesic.Geodesic(SEMI_MAJOR_AXIS_M, FLATTENING);

function ringAreaM2(ring: Ring): number {
  const polygon = CGCS2000.Polygon(false);
  const n = ring.length;
  const first = ring[0];
  const last = ring[n - 1];
  // GeographicLib closes rings itself; a repeated closing vertex would add a zero-length edge.
  const closed =
    n > 1 && first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  const count = closed ? n - 1 : n;
  for (let i = 0; i < count; i++) {
    const p = ring[i] as number[];
    polygon.AddPoint(p[1] as number, p[0] as number);
  }
  // area is only absent for polylines; a polygon always has it.
  return Math.abs(polygon.Compute(false, true).area ?? Number.NaN);
}

/**
 * Exact geodesic-edge ellipsoidal area (m²) with GeographicLib's PolygonArea, the slow reference
 * that the fast ellipsoidalAreaM2 is tested against (~30× slower). Same ring conventions.
 */
export function exactGeodesicAreaM2(geometry: AreaGeometry): number {
  let total = 0;
  for (const polygon of polygonsOf(geometry)) {
    const outer = polygon[0];
    if (!outer) continue;
    total += ringAreaM2(outer);
    for (let r = 1; r < polygon.length; r++) total -= ringAreaM2(polygon[r] as Ring);
  }
  return total;
}
