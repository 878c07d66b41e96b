/**
 * Overlay benchmark: 100k (and 10k) parcels against 永久基本农田, 生态保护红线 and 城镇开发边界 of the
 * synthetic county; the typical stack (flatbush + turf.intersect per candidate) on a sample,
 * extrapolated; polygon-clipping vs polyclip-ts on crossing parcels; peak memory.
 *   npx tsx bench/overlay.bench.ts
 */
import { featureCollection, intersect, polygon as turfPolygon } from '@turf/turf';
import * as polyclip from 'polyclip-ts';
import polygonClipping from 'polygon-clipping';
import { ellipsoidalAreaM2 } from '../src/geo/area/ellipsoidal-area';
import type { PolygonGeometry } from '../src/geo/geometry.types';
import { bboxOf } from '../src/geo/geometry.types';
import type { OverlayIndex } from '../src/geo/overlay/overlay.types';
import { overlayBatch, PATH_CODES } from '../src/geo/overlay/overlay-batch';
import { createOverlayIndex } from '../src/geo/overlay/overlay-index';
import { median } from './measure';
import { countPositions, generateSyntheticCounty } from './synthetic-county';

type Pairs = [number, number][][];

/** ms per parcel of the typical stack: flatbush candidates, then turf.intersect with each. */
function baselineMsPerParcel(index: OverlayIndex, parcels: PolygonGeometry[], sample: number): number {
  const stride = Math.max(1, Math.floor(parcels.length / sample));
  let total = 0;
  let count = 0;
  for (let i = 0; i < parcels.length && count < sample; i += stride, count++) {
    const parcel = parcels[i] as PolygonGeometry;
    const start = performance.now();
    const [minX, minY, maxX, maxY] = bboxOf(parcel);
    let area = 0;
    for (const candidate of index.polygonIndex.search(minX, minY, maxX, maxY)) {
      const piece = intersect(
        featureCollection([
          turfPolygon(parcel.coordinates as number[][][]),
          turfPolygon(index.polygons[candidate] as number[][][]),
        ]),
      );
      if (piece) area += ellipsoidalAreaM2(piece.geometry as PolygonGeometry);
    }
    total += performance.now() - start;
  }
  return total / count;
}

/** Runs the benchmark and returns the printed lines. */
export async function run(sizes: readonly number[] = [10_000, 100_000]): Promise<string[]> {
  const lines: string[] = [];
  const print = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  let peakRss = 0;
  let peakHeap = 0;
  const sampleMemory = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  for (const size of sizes) {
    const county = generateSyntheticCounty({ parcels: size });
    const areas = Float64Array.from(county.parcels, (p) => ellipsoidalAreaM2(p));
    print(`overlay ${size} parcels (${countPositions(county.parcels)} positions)`);
    let totalRun = 0;
    let totalBuild = 0;
    let totalBaseline = 0;
    for (const [name, layer] of [
      ['farmland', county.farmland],
      ['red line', county.redLine],
      ['boundary', county.boundary],
    ] as const) {
      const builds: number[] = [];
      let index: OverlayIndex | null = null;
      for (let r = 0; r < 3; r++) {
        const start = performance.now();
        index = createOverlayIndex(layer);
        builds.push(performance.now() - start);
      }
      const layerIndex = index as OverlayIndex;
      const runs: number[] = [];
      let paths: Uint8Array = new Uint8Array(0);
      for (let r = 0; r < 3; r++) {
        const start = performance.now();
        const result = await overlayBatch(layerIndex, county.parcels, { parcelAreasM2: areas });
        runs.push(performance.now() - start);
        paths = result.paths;
        sampleMemory();
      }
      const counts = Object.entries(PATH_CODES).map(
        ([path, code]) => `${path} ${paths.filter((p) => p === code).length}`,
      );
      const baseline = baselineMsPerParcel(layerIndex, county.parcels, size >= 100_000 ? 200 : 100) * size;
      const build = median(builds);
      const runMs = median(runs);
      totalRun += runMs;
      totalBuild += build;
      totalBaseline += baseline;
      print(
        `  ${name.padEnd(9)} ${layer.length} polygons / ${countPositions(layer)} positions: index ${build.toFixed(0)} ms, overlay ${runMs.toFixed(0)} ms (median of 3); ${counts.join(', ')}; baseline ≈ ${(baseline / 1000).toFixed(0)} s`,
      );
    }
    print(
      `  all three layers: overlay ${totalRun.toFixed(0)} ms + index ${totalBuild.toFixed(0)} ms; baseline (flatbush + turf.intersect, extrapolated) ≈ ${(totalBaseline / 60_000).toFixed(1)} min → speed-up ×${(totalBaseline / (totalRun + totalBuild)).toFixed(0)}`,
    );
    if (size === sizes[0]) {
      // General clippers on the same crossing parcels: which one the fallback should use.
      const index = createOverlayIndex(county.farmland);
      const result = await overlayBatch(index, county.parcels, { parcelAreasM2: areas });
      const inputs: [Pairs, Pairs[]][] = [];
      for (let i = 0; i < size && inputs.length < 300; i++) {
        if (result.paths[i] !== PATH_CODES.crossing) continue;
        const parcel = county.parcels[i] as PolygonGeometry;
        const [minX, minY, maxX, maxY] = bboxOf(parcel);
        const layers = index.polygonIndex
          .search(minX, minY, maxX, maxY)
          .map((p) => index.polygons[p] as Pairs);
        inputs.push([parcel.coordinates as Pairs, layers]);
      }
      for (const [name, clip] of [
        ['polygon-clipping', polygonClipping.intersection],
        ['polyclip-ts', polyclip.intersection],
      ] as const) {
        const start = performance.now();
        for (const [parcel, layers] of inputs) for (const layer of layers) clip(parcel, layer);
        print(
          `  ${name} on ${inputs.length} crossing farmland parcels: ${((performance.now() - start) / inputs.length).toFixed(3)} ms/parcel`,
        );
      }
    }
  }
  sampleMemory();
  print(`  peak memory: rss ${(peakRss / 1e6).toFixed(0)} MB, heapUsed ${(peakHeap / 1e6).toFixed(0)} MB`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
