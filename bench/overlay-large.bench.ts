// One very large parcel across a very large control boundary: the case where trying every pair of
// edges is quadratic (50,000 × 200,000 vertices ≈ 10¹⁰ pair tests). Our overlay (edge index) vs
// turf.intersect; the inside share must agree (turf is spherical, so compare ratios, not m²).
import { featureCollection, intersect, polygon, area as turfArea } from '@turf/turf';
import type { PolygonGeometry, Ring } from '../src/geo/geometry.types';
import { createOverlayIndex, overlayParcel } from '../src/geo/overlay';
import { median } from './measure';

function wavy(cx: number, cy: number, r: number, n: number, amp: number, k: number): Ring {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const rr = r * (1 + amp * Math.sin(k * a));
    ring.push([cx + rr * Math.cos(a), cy + 0.9 * rr * Math.sin(a)]);
  }
  ring.push(ring[0] as number[]);
  return ring;
}

export async function run(): Promise<void> {
  for (const [parcelVertices, boundaryVertices, runs] of [
    [5_000, 20_000, 5],
    [50_000, 200_000, 3],
  ] as const) {
    const boundary: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [wavy(110.3, 25.3, 0.05, boundaryVertices, 0.02, 997)],
    };
    const parcel: PolygonGeometry = {
      type: 'Polygon',
      coordinates: [wavy(110.35, 25.3, 0.02, parcelVertices, 0.03, 331)],
    };
    const times: number[] = [];
    let indexMs = 0;
    let share = 0;
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const index = createOverlayIndex([boundary]);
      indexMs = performance.now() - t;
      t = performance.now();
      const result = overlayParcel(index, parcel);
      times.push(performance.now() - t);
      if (!result.ok) throw new Error(`overlay failed: ${result.reason}`);
      share = result.insideM2 / result.parcelAreaM2;
    }
    const t = performance.now();
    const clipped = intersect(
      featureCollection([
        polygon(parcel.coordinates as number[][][]),
        polygon(boundary.coordinates as number[][][]),
      ]),
    );
    const turfMs = performance.now() - t;
    const turfShare = clipped ? turfArea(clipped) / turfArea(polygon(parcel.coordinates as number[][][])) : 0;
    console.log(
      `  parcel ${parcelVertices.toLocaleString('en')} × boundary ${boundaryVertices.toLocaleString('en')} vertices: ` +
        `overlay ${median(times).toFixed(0)} ms (+ index ${indexMs.toFixed(0)} ms), turf.intersect ${turfMs.toFixed(0)} ms; ` +
        `inside share ${share.toFixed(6)} vs turf ${turfShare.toFixed(6)}`,
    );
  }
}
