import type { Result } from '../../shared/result';
import { err, ok } from '../../shared/result';
import { type FlatRing, flatRingOf } from '../flat-ring';
import type { AreaGeometry, Ring } from '../geometry.types';
import { polygonsOf } from '../geometry.types';
import { ellipsoidalAreaM2, flatRingAreaM2 } from './ellipsoidal-area';

/** Why an area could not be computed; stable codes for notes and verdicts. */
export type AreaErrorCode =
  | 'not-a-polygon' // geometry type or coordinate nesting is not Polygon/MultiPolygon
  | 'non-finite-coordinate' // NaN, Infinity, or a missing ordinate
  | 'coordinate-out-of-range' // |lon| > 180 or |lat| > 90: most likely metres read as degrees
  | 'ring-too-short' // fewer than 4 positions (a closed ring needs 3 distinct points + closure)
  | 'self-intersecting-ring' // bow-tie and similar: the shoelace would cancel silently
  | 'zero-area' // collinear or degenerate: nothing to report
  | 'holes-exceed-shell' // holes larger than their outer ring
  | 'implausibly-large'; // beyond any parcel or county (wrong CRS, inverted ring on a sphere…)

export interface AreaGuardOptions {
  /** Areas above this are refused (m²); default 1e11 m² (100,000 km², larger than any county). */
  maxAreaM2?: number;
  /** Rings with more positions than this skip the O(n²) self-intersection scan; default 2,000. */
  maxVerticesForSelfIntersectionCheck?: number;
}

function checkPositions(ring: unknown): AreaErrorCode | null {
  if (!Array.isArray(ring)) return 'not-a-polygon';
  for (const p of ring) {
    if (!Array.isArray(p) || p.length < 2) return 'not-a-polygon';
    const lon = p[0];
    const lat = p[1];
    if (typeof lon !== 'number' || typeof lat !== 'number') return 'non-finite-coordinate';
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) return 'non-finite-coordinate';
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return 'coordinate-out-of-range';
  }
  return ring.length < 4 ? 'ring-too-short' : null;
}

function orientation(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

/**
 * True when two non-adjacent edges of the ring properly cross (bow-tie). Touching at a vertex and
 * collinear overlap are left to the validity module; they do not make the shoelace lie about area
 * the way a crossing does.
 */
function hasProperCrossing(ring: Ring): boolean {
  const n = ring.length - 1; // edges of a closed ring
  for (let i = 0; i < n; i++) {
    const a = ring[i] as number[];
    const b = ring[i + 1] as number[];
    const ax = a[0] as number;
    const ay = a[1] as number;
    const bx = b[0] as number;
    const by = b[1] as number;
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue; // first and last edges share the closing vertex
      const c = ring[j] as number[];
      const d = ring[j + 1] as number[];
      const cx = c[0] as number;
      const cy = c[1] as number;
      const dx = d[0] as number;
      const dy = d[1] as number;
      const o1 = orientation(ax, ay, bx, by, cx, cy);
      const o2 = orientation(ax, ay, bx, by, dx, dy);
      const o3 = orientation(cx, cy, dx, dy, ax, ay);
      const o4 = orientation(cx, cy, dx, dy, bx, by);
      if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)))
        return true;
    }
  }
  return false;
}

/** Perimeter of all rings on a local equirectangular plane: good to ~1 %, enough for a shape test. */
function approximatePerimeterM(geometry: AreaGeometry): number {
  let perimeter = 0;
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const a = ring[i - 1] as number[];
        const b = ring[i] as number[];
        const lat = (((a[1] as number) + (b[1] as number)) / 2) * (Math.PI / 180);
        const dx = ((b[0] as number) - (a[0] as number)) * 111_320 * Math.cos(lat);
        const dy = ((b[1] as number) - (a[1] as number)) * 110_900;
        perimeter += Math.sqrt(dx * dx + dy * dy);
      }
    }
  }
  return perimeter;
}

/** approximatePerimeterM of a one-ring polygon given flat: the same sum in the same order. */
function approximateFlatPerimeterM(flat: FlatRing): number {
  const { coords, start, end } = flat;
  let perimeter = 0;
  for (let v = start + 1; v < end; v++) {
    const ax = coords[v * 2 - 2] as number;
    const ay = coords[v * 2 - 1] as number;
    const bx = coords[v * 2] as number;
    const by = coords[v * 2 + 1] as number;
    const lat = ((ay + by) / 2) * (Math.PI / 180);
    const dx = (bx - ax) * 111_320 * Math.cos(lat);
    const dy = (by - ay) * 110_900;
    perimeter += Math.sqrt(dx * dx + dy * dy);
  }
  return perimeter;
}

/** The checks after the area is known, shared by both paths. */
function judgeArea(area: number, maxArea: number, perimeterM: () => number): Result<number, AreaErrorCode> {
  if (!Number.isFinite(area)) return err('non-finite-coordinate');
  if (area > maxArea) return err('implausibly-large');
  if (area < 0) return err('holes-exceed-shell');
  // A ring collinear in lon/lat still encloses a sliver between its straight chords and the geodesics
  // (~0.1 m² over 300 m); a mean width (2 × area / perimeter) under 1 cm is nothing a survey drew.
  if (area < 1e-6 || (2 * area) / perimeterM() < 0.01) return err('zero-area');
  return ok(area);
}

/**
 * Area with an input guard (RELIABILITY §F test 59): the ellipsoidal area in m², or a reason code
 * for input whose area would be meaningless — never NaN, 0 or 1e13 m² silently. Used wherever an
 * area is stored (import, edit, draw).
 */
export function areaOf(
  geometry: AreaGeometry,
  options: AreaGuardOptions = {},
): Result<number, AreaErrorCode> {
  const maxArea = options.maxAreaM2 ?? 1e11;
  const maxScan = options.maxVerticesForSelfIntersectionCheck ?? 2_000;
  // A one-ring polygon still flat that the validator found clean (flat-ring.ts): its positions are
  // finite, in range, at least 4, and no two of its segments touch, so none cross.
  const flat = flatRingOf(geometry);
  if (flat?.clean) return judgeArea(flatRingAreaM2(flat), maxArea, () => approximateFlatPerimeterM(flat));
  if (geometry === null || typeof geometry !== 'object' || !Array.isArray(geometry.coordinates)) {
    return err('not-a-polygon');
  }
  const polygons: unknown[] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  if (polygons.length === 0) return err('not-a-polygon');
  for (const polygon of polygons) {
    if (!Array.isArray(polygon) || polygon.length === 0) return err('not-a-polygon');
    for (const ring of polygon) {
      const problem = checkPositions(ring);
      if (problem) return err(problem);
      if ((ring as Ring).length <= maxScan && hasProperCrossing(ring as Ring))
        return err('self-intersecting-ring');
    }
  }
  return judgeArea(ellipsoidalAreaM2(geometry), maxArea, () => approximatePerimeterM(geometry));
}
