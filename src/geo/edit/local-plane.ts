import { LocalEqualAreaProjection } from '../area/equal-area.projection';
import type { BBox } from '../geometry.types';

export type XY = [number, number];

/**
 * A local plane (metres) for cutting and joining parcels: the same ellipsoidal Lambert azimuthal
 * equal-area projection the area function uses, centred on the work's bounding box. Geodesics are
 * nearly straight in it near the centre (ellipsoidal-area.ts), so a point computed on a straight
 * edge here lies on the geodesic edge the area function measures, and the parts of a split sum to
 * the whole. The inverse is a Newton iteration seeded with a nearby lon/lat (exact to ~1e-12°).
 */
export class LocalPlane {
  private readonly projection: LocalEqualAreaProjection;

  constructor(box: BBox) {
    this.projection = new LocalEqualAreaProjection((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  }

  forward(lon: number, lat: number): XY {
    this.projection.project(lon, lat);
    return [this.projection.x, this.projection.y];
  }

  /** lon/lat of a plane point; `guess` is any lon/lat within a few km of the answer. */
  inverse(x: number, y: number, guess: XY): XY {
    let [lon, lat] = guess;
    const h = 1e-6;
    for (let i = 0; i < 8; i++) {
      const [fx, fy] = this.forward(lon, lat);
      const dx = x - fx;
      const dy = y - fy;
      if (Math.abs(dx) < 1e-9 && Math.abs(dy) < 1e-9) break;
      const [ax, ay] = this.forward(lon + h, lat);
      const [bx, by] = this.forward(lon, lat + h);
      const j11 = (ax - fx) / h;
      const j21 = (ay - fy) / h;
      const j12 = (bx - fx) / h;
      const j22 = (by - fy) / h;
      const det = j11 * j22 - j12 * j21;
      if (det === 0) break;
      lon += (j22 * dx - j12 * dy) / det;
      lat += (j11 * dy - j21 * dx) / det;
    }
    return [lon, lat];
  }
}

/** Twice the signed area of a closed or open ring in the plane (counter-clockwise positive). */
export function signedArea2(ring: readonly XY[]): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a = ring[i] as XY;
    const b = ring[(i + 1) % n] as XY;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

/** Even-odd point-in-polygon over a polygon's rings (outer and holes). */
export function pointInRings(point: XY, rings: readonly (readonly XY[])[]): boolean {
  let inside = false;
  const [px, py] = point;
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const a = ring[i] as XY;
      const b = ring[j] as XY;
      if (a[1] > py !== b[1] > py && px < ((b[0] - a[0]) * (py - a[1])) / (b[1] - a[1]) + a[0]) {
        inside = !inside;
      }
    }
  }
  return inside;
}

/** Distance from p to the segment a–b. */
export function distanceToSegment(p: XY, a: XY, b: XY): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}
