// Import benchmarks (issue 3 "Scale"): 10k and 100k synthetic parcels as a GBK Gauss-Kruger
// shapefile zip and as GeoJSON, through importFiles (parse, reproject, validate — what the worker
// runs), against shpjs on the same zip in the same run. Medians of a few runs and the process's
// peak RSS. Run: `npm run bench import`.

import { exportGeoJson } from '../src/io/export/geojson.export';
import { syntheticRecords } from '../src/io/export/sample-records';
import { exportShapefileZip } from '../src/io/export/shapefile.export';
import { importFiles } from '../src/io/import-files';
import { importStages } from './import-stages';
import { mb, median, peakRss } from './measure';

async function measure(label: string, runs: number, work: () => Promise<number>): Promise<number> {
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    count = await work();
    times.push(performance.now() - start);
  }
  const m = median(times);
  console.log(
    `  ${label.padEnd(40)} median ${m.toFixed(0).padStart(6)} ms  (${runs} runs, ${count.toLocaleString('en')} features, peak RSS ${peakRss()})`,
  );
  return m;
}

interface ShpjsCollection {
  features: unknown[];
}
// shpjs ships no types; the bench only needs its default export.
const shpjsName = 'shpjs';
const shpjs = (await import(shpjsName)) as {
  default: (zip: ArrayBuffer) => Promise<ShpjsCollection | ShpjsCollection[]>;
};

/** Times the importers on 10k and 100k parcels; returns the medians for callers that collect them. */
export async function run(sizes: readonly number[] = [10_000, 100_000]): Promise<Record<string, number>> {
  const results: Record<string, number> = {};
  for (const count of sizes) {
    const records = syntheticRecords(count);
    const zip = exportShapefileZip(records, {
      encoding: 'gbk',
      crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
      lastUpdate: new Date(Date.UTC(2025, 2, 1)),
    }).zip;
    const geojson = new TextEncoder().encode(exportGeoJson(records));
    console.log(
      `import: ${count.toLocaleString('en')} parcels — shapefile zip ${mb(zip.length)} (GBK, CGCS2000 GK zone 37), GeoJSON ${mb(geojson.length)}`,
    );
    const runs = count > 10_000 ? 3 : 5;
    const ours = await measure('importFiles shapefile zip (parse+reproj+valid.)', runs, async () => {
      const r = await importFiles([{ name: 'county.zip', bytes: zip }]);
      return r.layers[0]?.features.length ?? 0;
    });
    const baseline = await measure(
      'shpjs 6.2 same zip (parse+reproject)',
      count > 10_000 ? 1 : 3,
      async () => {
        const fc = await shpjs.default(zip.slice().buffer);
        return Array.isArray(fc) ? fc.reduce((a, c) => a + c.features.length, 0) : fc.features.length;
      },
    );
    const gj = await measure('importFiles GeoJSON (parse+validate)', runs, async () => {
      const r = await importFiles([{ name: 'county.geojson', bytes: geojson }]);
      return r.layers[0]?.features.length ?? 0;
    });
    console.log(`  speed-up over shpjs: ${(baseline / ours).toFixed(1)}×`);
    console.log('  stages of the shapefile import:');
    Object.assign(
      results,
      Object.fromEntries(
        Object.entries(await importStages(zip, runs)).map(([k, v]) => [`stage ${k} ${count}`, v]),
      ),
    );
    results[`shapefile-${count}`] = ours;
    results[`shpjs-${count}`] = baseline;
    results[`geojson-${count}`] = gj;
  }
  console.log(`  peak RSS of the whole run: ${peakRss()}`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // IMPORT_BENCH_SIZES=100000 runs one size only.
  const sizes = process.env.IMPORT_BENCH_SIZES?.split(',').map(Number);
  await run(sizes);
}
