import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flatRingOf } from '../geo/flat-ring';
import type { ImportResult } from './import.types';
import { importFiles } from './import-files';
import { prepareImportedLayers } from './prepare-imported';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const file = (json: unknown, name = 'layer.geojson') => [
  { name, bytes: enc(typeof json === 'string' ? json : JSON.stringify(json)) },
];
const square = (x: number, y: number, s: number) => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];
const feature = (geometry: unknown, properties: unknown = { n: 1 }) => ({
  type: 'Feature',
  properties,
  geometry,
});
const fc = (...features: unknown[]) => ({ type: 'FeatureCollection', features });
const noteOf = (r: ImportResult, code: string) => r.notes.find((n) => n.code === code);

describe('GeoJSON', () => {
  it('hands a clean one-ring polygon over flat (a one-part MultiPolygon too, read as a Polygon as before); a clockwise or holed one as GeoJSON', async () => {
    const ccw = square(117, 36.6, 0.001);
    const cw = [[...(ccw[0] as number[][])].reverse()];
    const holed = [
      ...square(117.02, 36.6, 0.01),
      [...(square(117.022, 36.602, 0.002)[0] as number[][])].reverse(),
    ];
    const r = await importFiles(
      file(
        fc(
          feature({ type: 'Polygon', coordinates: ccw }),
          feature({ type: 'Polygon', coordinates: cw }),
          feature({ type: 'Polygon', coordinates: holed }),
          feature({ type: 'MultiPolygon', coordinates: [square(117.04, 36.6, 0.001)] }),
        ),
      ),
    );
    const features = r.layers[0]?.features ?? [];
    // Looked at before anything reads their coordinates (reading them builds the GeoJSON).
    expect(features.map((f) => flatRingOf(f.geometry)?.clean ?? false)).toEqual([true, false, false, true]);
    expect(noteOf(r, 'shell-winding')?.records).toEqual([2]);
    expect(features[0]?.geometry).toEqual({ type: 'Polygon', coordinates: ccw });
    expect(features[1]?.geometry).toEqual({ type: 'Polygon', coordinates: ccw });
    expect(features[2]?.geometry).toEqual({ type: 'Polygon', coordinates: holed });
    expect(features[3]?.geometry).toEqual({ type: 'Polygon', coordinates: square(117.04, 36.6, 0.001) });
  });

  it('reads the committed fixture: FeatureCollection with hole and MultiPolygon, Chinese properties', async () => {
    const bytes = new Uint8Array(readFileSync(`${import.meta.dirname}/fixtures/parcels.geojson`));
    const r = await importFiles([{ name: 'parcels.geojson', bytes }]);
    const layer = r.layers[0]!;
    expect(layer.features).toHaveLength(3);
    expect(layer.features[0]!.properties.LX).toBe('批而未供');
    expect(layer.crs.epsg).toBe(4326);
    expect(layer.fieldMapping).toMatchObject({ code: 'ZDDM', owner: 'QLR' });
  });

  it('Feature and bare geometry', async () => {
    expect(
      (await importFiles(file(feature({ type: 'Polygon', coordinates: square(117, 36, 0.01) })))).layers[0]!
        .features,
    ).toHaveLength(1);
    const bare = await importFiles(
      file({ type: 'MultiPolygon', coordinates: [square(117, 36, 0.01), square(118, 36, 0.01)] }),
    );
    expect(bare.layers[0]!.features[0]!.geometry.type).toBe('MultiPolygon');
  });

  it.each([
    ['invalid JSON', '{"type": "FeatureCollection", "features": [', 'import-failed', /not valid JSON/],
    ['JSON null', 'null', 'file-unsupported', /not GeoJSON .*null/],
    ['JSON "x"', '"x"', 'file-unsupported', /not GeoJSON .*string/],
    ['JSON []', '[]', 'file-unsupported', /not GeoJSON .*array/],
    ['unknown root type', '{"type":"Topology"}', 'file-unsupported', /unknown GeoJSON type "Topology"/],
    [
      '50,000-deep arrays',
      `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
      'file-unsupported',
      /nested too deeply/,
    ],
    [
      'deep object in a feature',
      `{"type":"FeatureCollection","features":[${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}]}`,
      'file-unsupported',
      /nested too deeply/,
    ],
    ['empty file', '   ', 'file-incomplete', /empty/],
  ])('test 17: %s → clean error', async (_label, text, code, message) => {
    await expect(importFiles(file(text))).rejects.toMatchObject({
      code,
      message: expect.stringMatching(message),
    });
  });

  it('test 17: nested collections, missing properties, null/empty geometries, unknown types → notes', async () => {
    const r = await importFiles(
      file(
        fc(
          feature({ type: 'Polygon', coordinates: square(117, 36, 0.01) }),
          fc(feature({ type: 'Polygon', coordinates: square(117, 36, 0.01) })),
          { type: 'Feature', geometry: { type: 'Polygon', coordinates: square(117.1, 36, 0.01) } },
          feature(null),
          feature({ type: 'Polygon', coordinates: [] }),
          feature({ type: 'Hexagon', coordinates: [] }),
          feature({
            type: 'GeometryCollection',
            geometries: [{ type: 'GeometryCollection', geometries: [] }],
          }),
          feature({
            type: 'GeometryCollection',
            geometries: [{ type: 'Polygon', coordinates: square(117.2, 36, 0.01) }],
          }),
          feature({ type: 'Point', coordinates: [117, 36] }),
        ),
      ),
    );
    expect(noteOf(r, 'geojson-nested-collection')?.records).toEqual([2, 7]);
    expect(noteOf(r, 'geojson-missing-properties')?.records).toEqual([3]);
    expect(noteOf(r, 'geometry-null')?.records).toEqual([4]);
    expect(noteOf(r, 'empty-geometry')?.records).toEqual([5]);
    expect(noteOf(r, 'geojson-unknown-type')?.records).toEqual([6]);
    expect(noteOf(r, 'geometry-not-polygon')?.records).toEqual([9]);
    expect(r.layers[0]!.features.map((f) => f.record)).toEqual([1, 3, 8]);
    expect(r.layers[0]!.featuresSkipped).toBe(6);
  });

  it('test 18: lon 200, lat 95, 1e999, string numbers and 4-D positions', async () => {
    const text = JSON.stringify(
      fc(
        feature({ type: 'Polygon', coordinates: square(117, 36, 0.01) }),
        feature({ type: 'Polygon', coordinates: square(200, 36, 0.01) }),
        feature({ type: 'Polygon', coordinates: square(117, 95, 0.01) }),
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [117, 36],
              ['117.01', '36'],
              [117.01, 36.01],
              [117, 36],
            ],
          ],
        }),
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [117, 36, 5, 7],
              [117.01, 36, 5, 7],
              [117.01, 36.01, 5, 7],
              [117, 36, 5, 7],
            ],
          ],
        }),
        feature({
          type: 'Polygon',
          coordinates: [
            [
              [117, 36],
              [117.01, 36],
              [117.01, 36.01],
              [117, 36],
            ],
          ],
        }),
      ),
    ).replace('[117.01,36.01],[117,36]]]},"id"', 'x');
    const withInf = text.replace(
      /\[117,36\],\[117\.01,36\],\[117\.01,36\.01\],\[117,36\]\]\]\}\}\]\}$/,
      '[117,36],[1e999,36],[117.01,36.01],[117,36]]]}}]}',
    );
    const r = await importFiles(file(withInf));
    expect(noteOf(r, 'coordinate-out-of-range')?.records).toEqual([2, 3]);
    expect(noteOf(r, 'geometry-string-numbers')?.records).toEqual([4]);
    expect(noteOf(r, 'geometry-extra-dimensions')?.records).toEqual([5]);
    expect(noteOf(r, 'coordinate-not-finite')?.records).toEqual([6]);
    expect(r.layers[0]!.features.map((f) => f.record)).toEqual([1, 4, 5]);
    for (const f of r.layers[0]!.features) {
      for (const p of (f.geometry.coordinates as number[][][])[0]!) expect(p).toHaveLength(2);
    }
  });

  it('test 18: metre-scale coordinates with zone prefix are guessed, to confirm; without prefix refused', async () => {
    const r = await importFiles(
      file(fc(feature({ type: 'Polygon', coordinates: square(39_511_038.64, 4_058_156.55, 50) }))),
    );
    expect(r.layers[0]!.crsNeedsConfirmation).toBe(true);
    expect(r.layers[0]!.crs.zone).toBe(39);
    const p = (r.layers[0]!.features[0]!.geometry.coordinates as number[][][])[0]![0]!;
    expect(p[0]).toBeCloseTo(117.123456789, 6);
    await expect(
      importFiles(file(fc(feature({ type: 'Polygon', coordinates: square(511_038, 4_058_156, 50) })))),
    ).rejects.toMatchObject({ code: 'crs-unknown' });
  });

  it('test 18: a crs member naming EPSG:4527 is honoured and reported', async () => {
    const json = {
      ...fc(feature({ type: 'Polygon', coordinates: square(39_511_038.64, 4_058_156.55, 50) })),
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4527' } },
    };
    const r = await importFiles(file(json));
    expect(r.layers[0]!.crs.epsg).toBe(4527);
    expect(r.layers[0]!.crsNeedsConfirmation).toBe(false);
    expect(noteOf(r, 'geojson-crs-member')?.message).toMatch(/zone 39/);
    const xian = { ...json, crs: { type: 'name', properties: { name: 'EPSG:4610' } } };
    await expect(importFiles(file(xian))).rejects.toMatchObject({ code: 'crs-needs-datum' });
  });

  it('test 16: hostile property keys stay own keys; no prototype pollution', async () => {
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"<img src=x onerror=alert(1)>":"v"},"geometry":{"type":"Polygon","coordinates":[[[117,36],[117.01,36],[117.01,36.01],[117,36]]]}}]}`;
    const r = await importFiles(file(text));
    const props = r.layers[0]!.features[0]!.properties;
    expect(Object.keys(props)).toEqual(['__proto__', 'constructor', '<img src=x onerror=alert(1)>']);
    // Inherits nothing (as the DBF reader's records): hostile keys are own, absent names undefined.
    expect(Object.getOwnPropertyDescriptor(props, '__proto__')?.value).toEqual({ polluted: 1 });
    expect('toString' in props).toBe(false);
    expect('hasOwnProperty' in props).toBe(false);
    expect(props.valueOf).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.layers[0]!.fieldNames).toContain('__proto__');
  });

  it('only points → refused with a message naming polygons', async () => {
    await expect(
      importFiles(file(fc(feature({ type: 'Point', coordinates: [117, 36] })))),
    ).rejects.toMatchObject({
      code: 'file-unsupported',
      message: expect.stringMatching(/only points or lines/),
    });
  });
});

describe('a self-crossing boundary, from the read note to the import', () => {
  it('is reported at read, left out at prepare with its reason, and the rest is imported', async () => {
    const bowTie = [
      [
        [117, 36],
        [117.01, 36.01],
        [117.01, 36],
        [117, 36.01],
        [117, 36],
      ],
    ];
    const read = await importFiles(
      file(
        fc(
          feature({ type: 'Polygon', coordinates: square(117, 36, 0.01) }),
          feature({ type: 'Polygon', coordinates: bowTie }),
        ),
      ),
    );
    expect(noteOf(read, 'self-intersection')?.message).toMatch(/not imported/);
    const choice = {
      index: 0,
      include: true,
      id: 'L1',
      name: '宗地',
      role: 'parcels' as const,
      fieldMapping: {},
      order: 1,
    };
    const prepared = prepareImportedLayers(read, [choice], [], '2026-12-06T00:00:00Z');
    expect(prepared.layers[0]?.content.items).toHaveLength(1);
    const note = prepared.notes.find((n) => n.code === 'area-invalid');
    expect(note?.count).toBe(1);
    expect(note?.message).toMatch(/1 with a boundary that crosses itself/);
  });
});

describe('test 17: depth is checked where it is kept', () => {
  it('a 50,000-deep geometry is refused as a geometry (never kept), the other features import', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const text = `{"type":"FeatureCollection","features":[${JSON.stringify(
      feature({ type: 'Polygon', coordinates: square(117, 36, 0.01) }),
    )},{"type":"Feature","properties":{"n":2},"geometry":{"type":"Polygon","coordinates":${deep}}}]}`;
    const r = await importFiles(file(text));
    expect(r.layers[0]?.features).toHaveLength(1);
    expect(r.layers[0]?.featuresSkipped).toBe(1);
  });

  it('deep properties (kept with the parcel) are refused as nested too deeply', async () => {
    const deep = `${'{"a":'.repeat(70)}1${'}'.repeat(70)}`;
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"x":${deep}},"geometry":${JSON.stringify(
      { type: 'Polygon', coordinates: square(117, 36, 0.01) },
    )}}]}`;
    await expect(importFiles(file(text))).rejects.toMatchObject({
      code: 'file-unsupported',
      message: expect.stringMatching(/nested too deeply/),
    });
  });
});
