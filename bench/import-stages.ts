// Stage breakdown of the shapefile import (issue 3 "Scale"): the same steps importShapefileLayer
// runs, in its order, timed one by one on the same zip — the .dbf inflated, its encoding chosen and
// its rows decoded, the .shp inflated into the .dbf's buffer and read in place, the Gauss-Kruger
// inverse, then polygon assembly + validation (importFiles minus the stages before it) and the
// ellipsoidal area of every feature. Medians of wall time and of process CPU time
// (CPU time is steadier on a shared machine).

import { areaOf } from '../src/geo/area';
import { parsePrj } from '../src/geo/crs/prj.parser';
import { reprojectToLonLat } from '../src/geo/crs/reproject';
import { dbfTextSample, decodeDbf, readDbfHeader } from '../src/io/dbf.reader';
import { chooseEncoding } from '../src/io/encoding';
import { importFiles } from '../src/io/import-files';
import { readShp } from '../src/io/shp.reader';
import { readZipDirectory, readZipEntryAsync } from '../src/io/zip.reader';
import { median } from './measure';

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Times each import stage on `zip` over `runs` runs; prints and returns the medians (wall ms). */
export async function importStages(zip: Uint8Array, runs: number): Promise<Record<string, number>> {
  const wall: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const timed = async <T>(stage: string, work: () => T | Promise<T>): Promise<T> => {
    const c = cpuMs();
    const w = performance.now();
    const out = await work();
    wall[stage] = [...(wall[stage] ?? []), performance.now() - w];
    cpu[stage] = [...(cpu[stage] ?? []), cpuMs() - c];
    return out;
  };
  for (let r = 0; r < runs; r++) {
    // In the app's order (importShapefileLayer): the .dbf (and the small parts) inflated into a
    // buffer big enough for the .shp too, its rows decoded, then the .shp inflated into that same
    // buffer and read in place.
    const entries = readZipDirectory(zip);
    const budget = { inflated: 0, limit: 2 ** 31 };
    const extOf = (path: string): string => path.split('.').pop()?.toLowerCase() ?? '';
    const shpEntry = entries.find((e) => extOf(e.path) === 'shp');
    if (!shpEntry) throw new Error('bench zip has no .shp');
    let shared = new Uint8Array(0);
    const files = await timed('unzip .dbf and small parts', async () => {
      const out: Record<string, Uint8Array> = {};
      for (const entry of entries) {
        const ext = extOf(entry.path);
        if (ext === 'shp') continue;
        if (ext === 'dbf')
          shared = new Uint8Array(Math.max(entry.uncompressedSize, shpEntry.uncompressedSize));
        out[ext] = await readZipEntryAsync(zip, entry, budget, ext === 'dbf' ? shared : undefined);
      }
      return out;
    });
    const dbf = files.dbf as Uint8Array;
    const encoding = await timed('.dbf encoding choice', () => {
      const header = readDbfHeader(dbf);
      const cpg = files.cpg ? new TextDecoder().decode(files.cpg) : undefined;
      return chooseEncoding({
        ...(cpg ? { cpg } : {}),
        ldid: header.ldid,
        sample: dbfTextSample(dbf, header),
      });
    });
    await timed('.dbf decode', () => decodeDbf(dbf, encoding.encoding));
    const shpBytes = await timed('unzip .shp (into the .dbf buffer)', () =>
      readZipEntryAsync(zip, shpEntry, budget, shared),
    );
    const shp = await timed('.shp read (in place)', () => readShp(shpBytes, { inPlace: true }));
    const prj = parsePrj(new TextDecoder().decode(files.prj));
    if (!prj.ok) throw new Error('bench zip has no readable .prj');
    await timed('reproject (GK inverse)', () => reprojectToLonLat(prj.value, shp.coords));
    const result = await timed('importFiles (all of the above + validate)', () =>
      importFiles([{ name: 'county.zip', bytes: zip }]),
    );
    // As the prepare measures them: areaOf, which reads a clean one-ring polygon from its flat
    // array (flat-ring.ts); ellipsoidalAreaM2 would build every GeoJSON ring first.
    await timed('area (areaOf, every feature)', () => {
      let sum = 0;
      for (const f of result.layers[0]?.features ?? []) {
        const area = areaOf(f.geometry);
        if (area.ok) sum += area.value;
      }
      return sum;
    });
  }
  const out: Record<string, number> = {};
  const stages = Object.keys(wall);
  const before = stages.slice(0, 6).reduce((s, k) => s + median(wall[k] ?? []), 0);
  const beforeCpu = stages.slice(0, 6).reduce((s, k) => s + median(cpu[k] ?? []), 0);
  for (const stage of stages) {
    out[stage] = median(wall[stage] ?? []);
    console.log(
      `    ${stage.padEnd(42)} median ${out[stage].toFixed(0).padStart(6)} ms wall, ${median(cpu[stage] ?? [])
        .toFixed(0)
        .padStart(6)} ms CPU`,
    );
  }
  const total = out['importFiles (all of the above + validate)'] ?? 0;
  const totalCpu = median(cpu['importFiles (all of the above + validate)'] ?? []);
  console.log(
    `    ${'assembly + validation (importFiles − stages)'.padEnd(42)} ≈      ${(total - before).toFixed(0).padStart(6)} ms wall, ${(totalCpu - beforeCpu).toFixed(0).padStart(6)} ms CPU`,
  );
  return out;
}
