// Export benchmarks (issue 7 "Speed"): each export of 10k and 100k synthetic parcels, median of a
// few runs, output size and the process's peak RSS. Run: `npm run bench export`.
import { createBackup, readBackup } from '../src/io/export/backup.format';
import { exportCoordinateText } from '../src/io/export/coordinate-text.export';
import { parcelListCsv } from '../src/io/export/csv.export';
import { exportGeoJson } from '../src/io/export/geojson.export';
import { mergeParcels } from '../src/io/export/merge';
import { syntheticRecords } from '../src/io/export/sample-records';
import { exportShapefileZip } from '../src/io/export/shapefile.export';
import { mb, median, peakRss } from './measure';

const ZONE_37 = { zone: 37, threeDegree: true, zonePrefix: true } as const;
const LAST_UPDATE = new Date(Date.UTC(2025, 2, 1));

function measure(label: string, runs: number, work: () => number): void {
  const times: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    size = work();
    times.push(performance.now() - start);
  }
  console.log(
    `  ${label.padEnd(34)} median ${median(times).toFixed(0).padStart(6)} ms  (${runs} runs, ${mb(size)}, peak RSS ${peakRss()})`,
  );
}

/** Times every export over 10k and 100k synthetic parcels (~14 vertices each, some holes and parts). */
export async function run(): Promise<void> {
  for (const count of [10_000, 100_000]) {
    const records = syntheticRecords(count);
    const vertices = records.reduce(
      (sum, r) => sum + JSON.stringify(r.geometry.coordinates).split('],[').length,
      0,
    );
    console.log(`export: ${count.toLocaleString('en')} parcels (~${vertices.toLocaleString('en')} vertices)`);
    const runs = count > 10_000 ? 3 : 5;
    // UI-thread cost of starting an export: the old path read every record and cloned them into
    // the worker's message (the IndexedDB read, not measured here, came on top); the worker now
    // reads storage itself and the UI thread clones only the request.
    measure('UI side, old: clone of all records', runs, () => {
      structuredClone(records);
      return 0;
    });
    const ids = records.map((r) => r.id);
    measure('UI side, new: request (all parcels)', runs, () => {
      structuredClone({ format: 'shapefile', ids: null, encoding: 'gbk', crs: { kind: 'geographic' } });
      return 0;
    });
    measure('UI side, new: request with every id', runs, () => {
      structuredClone({ format: 'shapefile', ids, encoding: 'gbk', crs: { kind: 'geographic' } });
      return 0;
    });
    measure('GeoJSON (string)', runs, () => exportGeoJson(records).length * 2);
    measure(
      'shapefile zip GBK, CGCS2000 lon/lat',
      runs,
      () =>
        exportShapefileZip(records, { encoding: 'gbk', crs: { kind: 'geographic' }, lastUpdate: LAST_UPDATE })
          .zip.length,
    );
    measure(
      'shapefile zip GBK, GK zone 37',
      runs,
      () =>
        exportShapefileZip(records, {
          encoding: 'gbk',
          crs: { kind: 'gauss-kruger', ...ZONE_37 },
          lastUpdate: LAST_UPDATE,
        }).zip.length,
    );
    measure(
      'shapefile zip UTF-8, GK zone 37',
      runs,
      () =>
        exportShapefileZip(records, {
          encoding: 'utf-8',
          crs: { kind: 'gauss-kruger', ...ZONE_37 },
          lastUpdate: LAST_UPDATE,
        }).zip.length,
    );
    measure(
      'coordinate text GBK, zone 37',
      runs,
      () => exportCoordinateText(records, { ...ZONE_37, encoding: 'gbk', date: '2025-03-01' }).bytes.length,
    );
    measure('parcel list CSV (zh-CN)', runs, () => parcelListCsv(records, 'zh-CN').length * 2);
    let backup: Uint8Array = new Uint8Array(0);
    measure('createBackup (no photos)', runs, () => {
      backup = createBackup(
        { layers: [], parcels: records, features: [], changes: [], settings: [] },
        LAST_UPDATE,
      );
      return backup.length;
    });
    measure('readBackup', runs, () => readBackup(backup).parcels.length * 0 + backup.length);
    const incoming = records.map((r, i) =>
      i % 10 === 0 ? { ...r, status: 'disposed' as const, updatedAt: '2025-03-01T00:00:00.000Z' } : r,
    );
    measure(
      'mergeParcels (10 % differ, no logs)',
      runs,
      () => mergeParcels(records, incoming, [], []).conflicts.length * 0,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
