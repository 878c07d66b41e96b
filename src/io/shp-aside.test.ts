import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { syntheticRecords } from './export/sample-records';
import { exportShapefileZip } from './export/shapefile.export';
import { importFiles } from './import-files';
import { readCompressedShp } from './shp-aside';

// ImportOptions.readShpAside: a large zipped .shp is inflated and read by another thread (the import
// worker's helper) while the .dbf is read. Here the "other thread" is readCompressedShp itself, the
// function the helper runs: the import must come out exactly as when the .shp is read in line.

/** A GBK Gauss-Kruger county zip whose .shp is over the 4 MiB below which it is read in line. */
function countyZip(parcels: number): Uint8Array {
  return exportShapefileZip(syntheticRecords(parcels), {
    encoding: 'gbk',
    crs: { kind: 'gauss-kruger', zone: 37, threeDegree: true, zonePrefix: true },
    lastUpdate: new Date(Date.UTC(2025, 2, 1)),
  }).zip;
}
const big = countyZip(18_000);

describe('a large .shp read aside while its .dbf is read', () => {
  it('is handed over once, and the import is the same as when it is read in line', async () => {
    const aside = vi.fn(readCompressedShp);
    const inLine = await importFiles([{ name: 'county.zip', bytes: big.slice() }]);
    const withAside = await importFiles([{ name: 'county.zip', bytes: big.slice() }], {
      readShpAside: aside,
    });
    expect(aside).toHaveBeenCalledTimes(1);
    const [request] = aside.mock.calls[0] ?? [];
    expect(request?.name).toMatch(/\.shp$/);
    expect(request?.compressed.size).toBeGreaterThan(4 * 2 ** 20);
    // The .prj goes with it: the CRS is decided there (the county is Gauss-Kruger zone 37).
    expect(new TextDecoder().decode(request?.prj)).toContain('Gauss_Kruger');
    expect(withAside.layers[0]?.features.length).toBe(18_000);
    // Kept DBF Blobs compare as equal objects whatever their bytes: compare those apart.
    const strip = (r: typeof inLine) =>
      r.layers.map(({ dbfDeflated, ...layer }) => ({ ...layer, dbfSize: dbfDeflated?.size }));
    expect(strip(withAside)).toEqual(strip(inLine));
    expect(withAside.notes).toEqual(inLine.notes);
  });

  it('decides the CRS there as here: no .prj (guessed from the coordinates), or the user’s override', async () => {
    const files = unzipSync(big);
    const noPrj = zipSync(Object.fromEntries(Object.entries(files).filter(([n]) => !n.endsWith('.prj'))), {
      level: 1,
    });
    for (const options of [{}, { crsOverride: 'EPSG:4525' }]) {
      const aside = vi.fn(readCompressedShp);
      const inLine = await importFiles([{ name: 'county.zip', bytes: noPrj.slice() }], options);
      const withAside = await importFiles([{ name: 'county.zip', bytes: noPrj.slice() }], {
        ...options,
        readShpAside: aside,
      });
      expect(aside).toHaveBeenCalledTimes(1);
      expect(aside.mock.calls[0]?.[0].prj).toBeUndefined();
      expect(withAside.notes).toEqual(inLine.notes);
      expect(withAside.layers.map((l) => [l.crs, l.crsNeedsConfirmation, l.features[7]?.geometry])).toEqual(
        inLine.layers.map((l) => [l.crs, l.crsNeedsConfirmation, l.features[7]?.geometry]),
      );
    }
  });

  it('reads a .shp stored uncompressed in the zip here, placed all the same', async () => {
    const stored = zipSync(unzipSync(big), { level: 0 });
    const aside = vi.fn(readCompressedShp);
    const inLine = await importFiles([{ name: 'county.zip', bytes: stored.slice() }]);
    const withAside = await importFiles([{ name: 'county.zip', bytes: stored.slice() }], {
      readShpAside: aside,
    });
    expect(aside).not.toHaveBeenCalled();
    expect(withAside.notes).toEqual(inLine.notes);
    expect(withAside.layers[0]?.features.slice(0, 50)).toEqual(inLine.layers[0]?.features.slice(0, 50));
    expect(withAside.layers[0]?.crs).toEqual(inLine.layers[0]?.crs);
  });

  it('is not used for a small .shp', async () => {
    const aside = vi.fn(readCompressedShp);
    const result = await importFiles([{ name: 'small.zip', bytes: countyZip(200) }], { readShpAside: aside });
    expect(aside).not.toHaveBeenCalled();
    expect(result.layers[0]?.features.length).toBe(200);
  });

  it('fails as the in-line read does when the .shp entry is damaged', async () => {
    // The .shp's deflate stream overwritten from its first kilobyte on: it no longer inflates.
    const damaged = big.slice();
    const shpName = Object.keys(unzipSync(big)).find((n) => n.endsWith('.shp')) as string;
    const at = findLocalEntry(damaged, shpName);
    damaged.fill(0xff, at + 1000, at + 200_000);
    const outcome = (options: Parameters<typeof importFiles>[1]) =>
      importFiles([{ name: 'county.zip', bytes: damaged.slice() }], options).then(
        (r) => ({ notes: r.notes.map((n) => n.code), layers: r.layers.length }),
        (error: unknown) => ({ error: String(error) }),
      );
    const inLine = await outcome({});
    const aside = vi.fn(readCompressedShp);
    const withAside = await outcome({ readShpAside: aside });
    expect(aside).toHaveBeenCalledTimes(1);
    expect(withAside).toEqual(inLine);
    expect(JSON.stringify(inLine)).toMatch(/damaged|incomplete|cut short/i);
  });
});

/** Offset of the compressed data of the entry `name` in a zip (after its local header). */
function findLocalEntry(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const encoded = new TextEncoder().encode(name);
  for (let i = 0; i + 30 < zip.length; i++) {
    if (view.getUint32(i, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(i + 26, true);
    const extra = view.getUint16(i + 28, true);
    const found = zip.subarray(i + 30, i + 30 + nameLength);
    if (found.length === encoded.length && found.every((b, k) => b === encoded[k]))
      return i + 30 + nameLength + extra;
  }
  throw new Error(`no entry ${name}`);
}
