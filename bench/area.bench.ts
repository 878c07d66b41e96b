/**
 * Area benchmark: fast ellipsoidal area vs GeographicLib PolygonArea vs turf.area on the synthetic
 * county at 10k and 100k parcels, with the maximum deviation from GeographicLib.
 *   npx tsx bench/area.bench.ts
 */
import { area as turfArea } from '@turf/turf';
import { ellipsoidalAreaM2 } from '../src/geo/area/ellipsoidal-area';
import { exactGeodesicAreaM2 } from '../src/geo/area/geodesic-area.reference';
import type { PolygonGeometry } from '../src/geo/geometry.types';
import { median } from './measure';
import { countPositions, generateSyntheticCounty } from './synthetic-county';

function time(repeats: number, run: () => void): number {
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Runs the benchmark and returns the printed lines. */
export async function run(sizes: readonly number[] = [10_000, 100_000]): Promise<string[]> {
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  for (const size of sizes) {
    const { parcels } = generateSyntheticCounty({ parcels: size });
    const exact = new Float64Array(size);
    const fast = new Float64Array(size);
    const spherical = new Float64Array(size);
    const exactMs = time(1, () =>
      parcels.forEach((p, i) => {
        exact[i] = exactGeodesicAreaM2(p);
      }),
    );
    const fastMs = time(5, () =>
      parcels.forEach((p, i) => {
        fast[i] = ellipsoidalAreaM2(p);
      }),
    );
    const turfMs = time(3, () =>
      parcels.forEach((p: PolygonGeometry, i) => {
        spherical[i] = turfArea({ type: 'Feature', properties: {}, geometry: p });
      }),
    );
    let fastAbs = 0;
    let fastRel = 0;
    let turfAbs = 0;
    let turfRel = 0;
    for (let i = 0; i < size; i++) {
      const e = exact[i] as number;
      const df = Math.abs((fast[i] as number) - e);
      const dt = Math.abs((spherical[i] as number) - e);
      fastAbs = Math.max(fastAbs, df);
      fastRel = Math.max(fastRel, df / e);
      turfAbs = Math.max(turfAbs, dt);
      turfRel = Math.max(turfRel, dt / e);
    }
    print(`area ${size} parcels, ${countPositions(parcels)} positions`);
    print(
      `  fast ellipsoidal  ${fastMs.toFixed(0)} ms (median of 5)  max dev ${fastAbs.toExponential(2)} m² (${fastRel.toExponential(2)} rel)`,
    );
    print(`  GeographicLib     ${exactMs.toFixed(0)} ms (1 run)        reference`);
    print(
      `  turf.area         ${turfMs.toFixed(0)} ms (median of 3)  max dev ${turfAbs.toFixed(2)} m² (${(turfRel * 100).toFixed(3)} %)`,
    );
  }
  const memory = process.memoryUsage();
  print(
    `  memory rss ${(memory.rss / 1e6).toFixed(0)} MB, heapUsed ${(memory.heapUsed / 1e6).toFixed(0)} MB`,
  );
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
