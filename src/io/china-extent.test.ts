import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHINA_EXTENT } from './china-extent';
import type { ImportResult, SourceFile } from './import.types';
import { importFiles } from './import-files';
import { square, writeDbf, writePolygonShp, type XYRing, zipOf } from './testing/mini-shapefile';

/** Test 64 (and issue #3): parcels outside China (73–136°E, 3–54°N) mean a wrong CRS until confirmed. */

const PRJ_4490 = new Uint8Array(readFileSync(`${import.meta.dirname}/fixtures/geo4490_gbk/parcels.prj`));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const noteOf = (r: ImportResult) => r.notes.find((n) => n.code === 'crs-outside-china');

/** Squares (lon, lat) of 0.001°: four in Guangxi, then the given places. */
const inChina: [number, number][] = [
  [110.3, 25.3],
  [110.31, 25.3],
  [135.9, 47.5],
  [73.5, 39.4],
];
const abroad: [number, number][] = [
  [10.2, 50.1], // Germany: a GK easting/northing read as degrees after a /1e5 slip, or just wrong data
  [136.5, 35.4], // Japan, just east of 136°E
  [110.3, -25.3], // the southern hemisphere: a lost sign
];

function geoJson(places: [number, number][]): SourceFile[] {
  const features = places.map(([x, y], i) => ({
    type: 'Feature',
    properties: { n: i + 1 },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.001, y],
          [x + 0.001, y + 0.001],
          [x, y + 0.001],
          [x, y],
        ],
      ],
    },
  }));
  return [{ name: 'parcels.geojson', bytes: enc(JSON.stringify({ type: 'FeatureCollection', features })) }];
}

function shapefile(places: [number, number][]): SourceFile[] {
  const { shp, shx } = writePolygonShp(places.map(([x, y]): XYRing[] => [square(x, y, 0.001)]));
  const dbf = writeDbf(
    [{ name: 'N', type: 'N', length: 4 }],
    places.map((_, i) => [i + 1]),
  );
  return [
    { name: 'parcels.zip', bytes: zipOf({ 'p.shp': shp, 'p.shx': shx, 'p.dbf': dbf, 'p.prj': PRJ_4490 }) },
  ];
}

/** The independent count: every vertex of the square tested against the box. */
const expectedOutside = (places: [number, number][]) =>
  places.filter(
    ([x, y]) =>
      [x, x + 0.001].some((lon) => lon < CHINA_EXTENT.minLon || lon > CHINA_EXTENT.maxLon) ||
      [y, y + 0.001].some((lat) => lat < CHINA_EXTENT.minLat || lat > CHINA_EXTENT.maxLat),
  ).length;

describe.each([
  ['GeoJSON', geoJson],
  ['shapefile (CGCS2000 geographic .prj)', shapefile],
] as const)('out-of-China coordinates, %s (test 64)', (_name, make) => {
  it('R64: parcels outside 73–136°E / 3–54°N give a CRS warning naming the count; the CRS must be confirmed', async () => {
    const places = [...inChina, ...abroad];
    expect(expectedOutside(places)).toBe(3);
    const r = await importFiles(make(places));
    const layer = r.layers[0];
    expect(layer?.features).toHaveLength(7);
    const note = noteOf(r);
    expect(note).toMatchObject({ severity: 'warning', count: 3, records: [5, 6, 7] });
    expect(note?.message).toMatch(/^3 of 7 features .* outside China/);
    expect(note?.message).toMatch(/coordinate system may be wrong/);
    // Not stored as is: the import dialog blocks commit until the CRS is confirmed or changed.
    expect(layer?.crsNeedsConfirmation).toBe(true);
  });

  it('R64: a layer wholly abroad says "All"', async () => {
    const r = await importFiles(make(abroad));
    expect(noteOf(r)?.message).toMatch(/^All of 3 features/);
    expect(r.layers[0]?.crsNeedsConfirmation).toBe(true);
  });

  it('R64: parcels inside China, up to the edges of the box, give no warning', async () => {
    const r = await importFiles(make(inChina));
    expect(noteOf(r)).toBeUndefined();
    expect(r.layers[0]?.crsNeedsConfirmation).toBe(false);
  });
});
