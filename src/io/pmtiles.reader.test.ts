import { PMTiles, zxyToTileId } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors';
import { BlobSource, readPmtilesInfo } from './pmtiles.reader';
import { fullTileMvt, solidPng, tileAt, tileIdOf, writeTestPmtiles } from './testing/pmtiles-writer';

const red = solidPng([200, 30, 30], 4);
const blue = solidPng([30, 60, 200], 4);
// The demo county's tile at zoom 1 (110.3°E 25.3°N lies in the north-east quarter).
const county = tileAt(110.3, 25.3, 1);

function archive(): Uint8Array {
  return writeTestPmtiles(
    [
      { z: 0, x: 0, y: 0, data: red },
      { z: 1, x: county.x, y: county.y, data: blue },
    ],
    {
      bounds: [100, 20, 120, 30],
      center: [110.3, 25.3, 1],
      metadata: { attribution: 'test tiles', vector_layers: [{ id: 'water' }, { id: 'roads' }] },
    },
  );
}

async function problemOf(bytes: Uint8Array): Promise<string> {
  try {
    await readPmtilesInfo(new Blob([bytes as BlobPart]));
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('file-unsupported');
    return String((error as AppError).details.problem);
  }
  throw new Error('accepted');
}

describe('test archive writer', () => {
  it('numbers tiles like the PMTiles reference implementation (Hilbert order per zoom)', () => {
    for (let z = 0; z <= 6; z++) {
      const n = 2 ** z;
      for (let x = 0; x < n; x += Math.max(1, n / 8))
        for (let y = 0; y < n; y += Math.max(1, n / 8))
          expect(tileIdOf(z, x, y), `${z}/${x}/${y}`).toBe(zxyToTileId(z, x, y));
    }
  });

  it('puts the demo county in the north-east tile of zoom 1', () => {
    expect(county).toEqual({ x: 1, y: 0 });
  });
});

describe('readPmtilesInfo', () => {
  it('reads tile type, zoom range, bounds, centre, tile count and layer names', async () => {
    const info = await readPmtilesInfo(new Blob([archive() as BlobPart]));
    expect(info.tileType).toBe('png');
    expect(info.minZoom).toBe(0);
    expect(info.maxZoom).toBe(1);
    expect(info.bounds).toEqual([100, 20, 120, 30]);
    expect(info.center).toEqual([110.3, 25.3, 1]);
    expect(info.tileCount).toBe(2);
    expect(info.vectorLayers).toEqual(['water', 'roads']);
    expect(info.attribution).toBe('test tiles');
  });

  it('reads each tile through the Blob source byte for byte', async () => {
    const reader = new PMTiles(new BlobSource(new Blob([archive() as BlobPart]), 'test'));
    const zoom0 = await reader.getZxy(0, 0, 0);
    const zoom1 = await reader.getZxy(1, county.x, county.y);
    expect(new Uint8Array(zoom0?.data ?? new ArrayBuffer(0))).toEqual(red);
    expect(new Uint8Array(zoom1?.data ?? new ArrayBuffer(0))).toEqual(blue);
    // A tile that is not in the archive.
    expect(await reader.getZxy(1, 0, 1)).toBeUndefined();
  });

  it('accepts vector (MVT) archives', async () => {
    const bytes = writeTestPmtiles([{ z: 0, x: 0, y: 0, data: new Uint8Array([0x1a, 0]) }], { tileType: 1 });
    expect((await readPmtilesInfo(new Blob([bytes as BlobPart]))).tileType).toBe('mvt');
  });

  it('refuses a file that is not PMTiles', async () => {
    const png = solidPng([1, 2, 3], 16);
    expect(await problemOf(png)).toBe('not-pmtiles');
    expect(await problemOf(new TextEncoder().encode('PMTiles'))).toBe('not-pmtiles');
    const text = new TextEncoder().encode(`{"type":"FeatureCollection"}${' '.repeat(200)}`);
    expect(await problemOf(text)).toBe('not-pmtiles');
  });

  it('refuses other spec versions', async () => {
    const bytes = writeTestPmtiles([{ z: 0, x: 0, y: 0, data: red }], { version: 2 });
    expect(await problemOf(bytes)).toBe('version');
  });

  it('refuses a truncated archive', async () => {
    const bytes = archive();
    expect(await problemOf(bytes.slice(0, bytes.length - 10))).toBe('corrupt');
    expect(await problemOf(bytes.slice(0, 130))).toBe('corrupt');
  });

  it('refuses a header whose root directory points outside the file', async () => {
    const bytes = archive();
    new DataView(bytes.buffer).setUint32(8, 10_000_000, true);
    expect(await problemOf(bytes)).toBe('corrupt');
  });

  it('refuses directory entries that point past the tile data', async () => {
    const bytes = archive();
    // Shrink the declared tile data section: the second tile then lies outside it.
    const view = new DataView(bytes.buffer);
    view.setUint32(64, view.getUint32(64, true) - 5, true);
    expect(await problemOf(bytes)).toBe('corrupt');
  });

  it('refuses unsupported tile types and compressions', async () => {
    const avif = writeTestPmtiles([{ z: 0, x: 0, y: 0, data: red }], { tileType: 5 });
    expect(await problemOf(avif)).toBe('tile-type');
    const brotli = writeTestPmtiles([{ z: 0, x: 0, y: 0, data: red }], { tileCompression: 3 });
    expect(await problemOf(brotli)).toBe('compression');
  });

  it('refuses invalid bounds', async () => {
    const bytes = writeTestPmtiles([{ z: 0, x: 0, y: 0, data: red }], { bounds: [120, 20, 100, 30] });
    expect(await problemOf(bytes)).toBe('corrupt');
  });
});

describe('test vector tile', () => {
  it('decodes with the reference MVT reader to one polygon covering the tile', async () => {
    const { VectorTile } = await import('@mapbox/vector-tile');
    const { PbfReader } = await import('pbf');
    const tile = new VectorTile(new PbfReader(fullTileMvt('water')));
    const layer = tile.layers.water;
    expect(layer?.length).toBe(1);
    expect(layer?.extent).toBe(4096);
    const feature = layer?.feature(0);
    expect(feature?.type).toBe(3);
    const rings = feature?.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y]));
    expect(rings).toEqual([
      [
        [0, 0],
        [4096, 0],
        [4096, 4096],
        [0, 4096],
        [0, 0],
      ],
    ]);
  });
});
