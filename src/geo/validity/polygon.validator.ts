import { type FlatRing, flatRingOf, flatSignedArea2 } from '../flat-ring';
import type { AreaGeometry, MultiPolygonGeometry, PolygonGeometry, Position, Ring } from '../geometry.types';
import { polygonsOf } from '../geometry.types';
import { findFlatRingCrossings, findSegmentCrossings } from './self-intersection';

/** Reason codes of the app's own polygon checks (Turf's booleanValid misses the ones that matter). */
export type ValidityCode =
  | 'empty-geometry'
  | 'coordinate-not-finite'
  | 'coordinate-out-of-range'
  | 'ring-unclosed'
  | 'duplicate-vertices'
  | 'ring-too-short'
  | 'ring-zero-area'
  | 'shell-winding'
  | 'hole-winding'
  | 'hole-outside-shell'
  | 'self-intersection';

/** One finding. `repaired` findings were fixed in `geometry`; the rest make the feature suspect or unusable. */
export interface ValidityIssue {
  code: ValidityCode;
  repaired: boolean;
  /** Index of the polygon (in a MultiPolygon) and ring (0 = shell) concerned. */
  polygon: number;
  ring: number;
}

/**
 * Verdict on an area geometry. `geometry` is the repaired geometry (closed rings, no consecutive
 * duplicates, RFC 7946 winding, degenerate holes dropped), or undefined when nothing usable is
 * left (non-finite or out-of-range coordinates, every shell degenerate). `valid` is false while an
 * unrepaired problem remains (self-intersection, hole outside its shell).
 */
export interface ValidityResult {
  valid: boolean;
  geometry: AreaGeometry | undefined;
  issues: ValidityIssue[];
}

export interface ValidateOptions {
  /** Check lon/lat ranges (±180, ±90). Off for projected coordinates. */
  geographic?: boolean;
  /** Skip the self-intersection search (e.g. when another pass does it). */
  skipSelfIntersection?: boolean;
}

/** Twice the signed area (shoelace); > 0 counter-clockwise with y up. */
export function signedArea2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as number[];
    const b = ring[i] as number[];
    sum += ((a[0] as number) - (b[0] as number)) * ((a[1] as number) + (b[1] as number));
  }
  return sum;
}

/** Ray-casting point-in-ring; points on the boundary may go either way. */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const pi = ring[i] as number[];
    const pj = ring[j] as number[];
    const xi = pi[0] as number;
    const yi = pi[1] as number;
    const xj = pj[0] as number;
    const yj = pj[1] as number;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when every vertex lies on the line through the first two (a ring with no interior). */
function allCollinear(ring: Ring): boolean {
  const a = ring[0] as number[];
  const b = ring[1] as number[];
  const ax = a[0] as number;
  const ay = a[1] as number;
  const dx = (b[0] as number) - ax;
  const dy = (b[1] as number) - ay;
  return ring.every((p) => dx * ((p[1] as number) - ay) - dy * ((p[0] as number) - ax) === 0);
}

/** Cleans one ring: closes it, drops consecutive duplicates; reports what it did. */
function cleanRing(
  ring: Ring,
  geographic: boolean,
): {
  ring: Ring;
  /** False when `ring` is the input itself (nothing to repair): copy it before changing it. */
  copied: boolean;
  closed: boolean;
  deduped: boolean;
  nonFinite: boolean;
  outOfRange: boolean;
} {
  // Most rings need nothing: one scan without allocation returns them as they are (a county's
  // 100k parcels would otherwise be copied vertex by vertex for nothing).
  let clean = ring.length > 1;
  let outOfRange = false;
  for (let i = 0; i < ring.length && clean; i++) {
    const p = ring[i] as Position;
    const x = p[0];
    const y = p[1];
    if (
      p.length !== 2 ||
      typeof x !== 'number' ||
      typeof y !== 'number' ||
      !Number.isFinite(x) ||
      !Number.isFinite(y)
    ) {
      clean = false;
    } else {
      if (geographic && (x < -180 || x > 180 || y < -90 || y > 90)) outOfRange = true;
      if (i > 0) {
        const q = ring[i - 1] as Position;
        if (q[0] === x && q[1] === y) clean = false;
      }
    }
  }
  if (clean) {
    const first = ring[0] as Position;
    const last = ring[ring.length - 1] as Position;
    if (first[0] === last[0] && first[1] === last[1]) {
      return { ring, copied: false, closed: false, deduped: false, nonFinite: false, outOfRange };
    }
  }
  let nonFinite = false;
  outOfRange = false;
  const out: Position[] = [];
  let deduped = false;
  for (const p of ring) {
    const x = p[0];
    const y = p[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
      nonFinite = true;
      continue;
    }
    if (geographic && (x < -180 || x > 180 || y < -90 || y > 90)) outOfRange = true;
    const last = out[out.length - 1];
    if (last && last[0] === x && last[1] === y) {
      deduped = true;
      continue;
    }
    out.push(p.length === 2 ? p : [x, y]);
  }
  let closed = false;
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && out.length > 1 && (first[0] !== last[0] || first[1] !== last[1])) {
    out.push([first[0] as number, first[1] as number]);
    closed = true;
  }
  // A ring "closed" by a duplicate of the start that dedup removed is still closed; nothing to do.
  return { ring: out, copied: true, closed, deduped, nonFinite, outOfRange };
}

/**
 * Whether validateAreaGeometry would find nothing at all in a one-ring polygon given flat: at
 * least 4 positions, finite (within ±180 / ±90 when geographic), no repeated consecutive position,
 * closed, counter-clockwise (the same shoelace sum), and no segment touching another (the same
 * search). Anything else is left to the full validation of its GeoJSON.
 */
function flatRingIsClean(flat: FlatRing, geographic: boolean, skipSelfIntersection: boolean): boolean {
  const { coords, start, end } = flat;
  if (end - start < 4) return false;
  let px = Number.NaN;
  let py = Number.NaN;
  for (let v = start; v < end; v++) {
    const x = coords[v * 2] as number;
    const y = coords[v * 2 + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    if (geographic && (x < -180 || x > 180 || y < -90 || y > 90)) return false;
    if (x === px && y === py) return false;
    px = x;
    py = y;
  }
  if (coords[start * 2] !== px || coords[start * 2 + 1] !== py) return false;
  if (!(flatSignedArea2(coords, start, end) > 0)) return false;
  return skipSelfIntersection || findFlatRingCrossings(coords, start, end, 1).length === 0;
}

/**
 * Validates (and where safe repairs) a Polygon or MultiPolygon. Safe repairs: closing an unclosed
 * ring, removing consecutive duplicate vertices, fixing winding to RFC 7946 (shell CCW, holes CW),
 * dropping a hole that collapsed to < 4 positions or zero area. Everything else is reported only.
 */
export function validateAreaGeometry(geometry: AreaGeometry, options: ValidateOptions = {}): ValidityResult {
  const issues: ValidityIssue[] = [];
  const geographic = options.geographic ?? true;
  // A one-ring polygon still flat (flat-ring.ts) with nothing to find is returned as it is, its
  // GeoJSON never built; anything to report or repair goes the full way below.
  const flat = flatRingOf(geometry);
  if (flat && flatRingIsClean(flat, geographic, options.skipSelfIntersection === true)) {
    if (geographic && !options.skipSelfIntersection) flat.clean = true;
    return { valid: true, geometry, issues };
  }
  const polygons = polygonsOf(geometry);
  const outPolygons: Ring[][] = [];
  let unusable = false;
  let suspect = false;
  if (polygons.length === 0) {
    return {
      valid: false,
      geometry: undefined,
      issues: [{ code: 'empty-geometry', repaired: false, polygon: 0, ring: 0 }],
    };
  }
  for (let p = 0; p < polygons.length; p++) {
    const rings = polygons[p] as Ring[];
    const outRings: Ring[] = [];
    let shellOk = true;
    for (let r = 0; r < rings.length; r++) {
      const cleaned = cleanRing(rings[r] as Ring, geographic);
      if (cleaned.nonFinite) {
        issues.push({ code: 'coordinate-not-finite', repaired: false, polygon: p, ring: r });
        unusable = true;
        continue;
      }
      if (cleaned.outOfRange) {
        issues.push({ code: 'coordinate-out-of-range', repaired: false, polygon: p, ring: r });
        unusable = true;
        continue;
      }
      if (cleaned.closed) issues.push({ code: 'ring-unclosed', repaired: true, polygon: p, ring: r });
      if (cleaned.deduped) issues.push({ code: 'duplicate-vertices', repaired: true, polygon: p, ring: r });
      let ring = cleaned.ring;
      if (ring.length < 4) {
        issues.push({ code: 'ring-too-short', repaired: r > 0, polygon: p, ring: r });
        if (r === 0) shellOk = false;
        continue;
      }
      const area2 = signedArea2(ring);
      // A symmetric bow-tie also sums to zero area: it is a self-intersection, not a collinear ring.
      if (area2 === 0 && (allCollinear(ring) || findSegmentCrossings([ring], 1).length === 0)) {
        issues.push({ code: 'ring-zero-area', repaired: r > 0, polygon: p, ring: r });
        if (r === 0) shellOk = false;
        continue;
      }
      if (r === 0 && area2 < 0) {
        // The caller's arrays are never changed: an uncopied ring is copied before reversing.
        ring = cleaned.copied ? ring.reverse() : [...ring].reverse();
        issues.push({ code: 'shell-winding', repaired: true, polygon: p, ring: r });
      } else if (r > 0 && area2 > 0) {
        ring = cleaned.copied ? ring.reverse() : [...ring].reverse();
        issues.push({ code: 'hole-winding', repaired: true, polygon: p, ring: r });
      }
      if (r > 0 && outRings.length > 0) {
        const shell = outRings[0] as Ring;
        // Three probes keep this cheap on huge holes; any vertex strictly inside suffices.
        const step = Math.max(1, Math.floor((ring.length - 1) / 3));
        let inside = false;
        for (let v = 0; v < ring.length - 1 && !inside; v += step) {
          const q = ring[v] as number[];
          inside = pointInRing(q[0] as number, q[1] as number, shell);
        }
        if (!inside) {
          issues.push({ code: 'hole-outside-shell', repaired: false, polygon: p, ring: r });
          suspect = true;
        }
      }
      if (r === 0 || shellOk) outRings.push(ring);
    }
    if (!shellOk || outRings.length === 0) continue;
    if (!options.skipSelfIntersection) {
      const crossings = findSegmentCrossings(outRings, 1);
      const first = crossings[0];
      if (first) {
        issues.push({ code: 'self-intersection', repaired: false, polygon: p, ring: first.ringA });
        suspect = true;
      }
    }
    outPolygons.push(outRings);
  }
  if (unusable || outPolygons.length === 0) {
    if (!unusable && !issues.some((i) => i.code === 'ring-too-short' || i.code === 'ring-zero-area')) {
      issues.push({ code: 'empty-geometry', repaired: false, polygon: 0, ring: 0 });
    }
    return { valid: false, geometry: undefined, issues };
  }
  const repaired: PolygonGeometry | MultiPolygonGeometry =
    outPolygons.length === 1
      ? { type: 'Polygon', coordinates: outPolygons[0] as Ring[] }
      : { type: 'MultiPolygon', coordinates: outPolygons };
  return { valid: !suspect, geometry: repaired, issues };
}
