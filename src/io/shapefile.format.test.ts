import { describe, expect, it } from 'vitest';
import { flatRingOf } from '../geo/flat-ring';
import type { AppError } from '../shared/errors';
import { decodeDbf } from './dbf.reader';
import type { DeferredFile, ImportResult, SourceFile } from './import.types';
import { importFiles } from './import-files';
import { NoteCollector } from './import-notes';
import { importShapefileLayer } from './shapefile.format';
import {
  encodeGbk,
  loadFixtureDir,
  square,
  writeDbf,
  writePolygonShp,
  zipOf,
} from './testing/mini-shapefile';
import { inflateKept } from './zip.reader';

const FIX = `${import.meta.dirname}/fixtures`;
const TEXT = '批而未供';

const polygonLayer = (records = 2): { shp: Uint8Array; shx: Uint8Array } =>
  writePolygonShp(Array.from({ length: records }, (_, i) => [square(117 + i * 0.01, 36.6, 0.001)]));

function gbkDbf(ldid = 0, text = TEXT, encode = encodeGbk): Uint8Array {
  return writeDbf(
    [
      { name: 'LX', type: 'C', length: 20 },
      { name: 'ZDMJ', type: 'N', length: 12, decimals: 2 },
    ],
    [
      [text, 100.5],
      [text, 200],
    ],
    { encode, ldid },
  );
}

function layerFiles(
  extra: Partial<Record<'dbf' | 'cpg' | 'prj' | 'shx', Uint8Array | string>>,
  records = 2,
): SourceFile[] {
  const { shp, shx } = polygonLayer(records);
  const files: SourceFile[] = [{ name: 'layer.shp', bytes: shp }];
  if (extra.shx !== undefined)
    files.push({ name: 'layer.shx', bytes: typeof extra.shx === 'string' ? shx : extra.shx });
  for (const ext of ['dbf', 'cpg', 'prj'] as const) {
    const v = extra[ext];
    if (v !== undefined)
      files.push({ name: `layer.${ext}`, bytes: typeof v === 'string' ? new TextEncoder().encode(v) : v });
  }
  return files;
}

const codes = (r: ImportResult): string[] => r.notes.map((n) => n.code);

describe('shapefile from GDAL fixtures', () => {
  it('GBK, CGCS2000 3° GK zone 39 (prefixed): right place, readable Chinese, facts mapped', async () => {
    const r = await importFiles(loadFixtureDir(`${FIX}/gk39_gbk`));
    const layer = r.layers[0]!;
    expect(layer.name).toBe('宗地');
    expect(layer.crs.epsg).toBe(4527);
    expect(layer.encoding).toMatchObject({ encoding: 'gbk', source: 'cpg' });
    expect(layer.features).toHaveLength(3);
    const f = layer.features[0]!;
    expect(f.properties.LX).toBe(TEXT);
    expect(f.properties.QLR).toBe('济南某某实业有限公司');
    expect(f.properties.PZRQ).toBe('2021-03-15');
    const ring = (f.geometry.coordinates as number[][][])[0]!;
    expect(ring[0]![0]).toBeCloseTo(117.1, 8);
    expect(ring[0]![1]).toBeCloseTo(36.6, 8);
    expect(layer.features[1]!.geometry.type).toBe('Polygon');
    expect((layer.features[1]!.geometry.coordinates as unknown[]).length).toBe(2); // shell + hole
    expect(layer.features[2]!.geometry.type).toBe('MultiPolygon');
    expect(layer.fieldMapping).toMatchObject({
      code: 'ZDDM',
      owner: 'QLR',
      location: 'ZL',
      declaredAreaM2: 'ZDMJ',
    });
    expect(codes(r)).toContain('encoding-used');
    expect(r.notes.find((n) => n.code === 'crs-used')?.message).toMatch(/EPSG:4527/);
  });

  it.each([
    ['cm117_utf8', 4548, 'utf-8'],
    ['geo4490_gbk', 4490, 'gbk'],
    ['gk6_zone20', 4498, 'gbk'],
  ])('%s reads in place (EPSG:%i, %s)', async (dir, epsg, encoding) => {
    const layer = (await importFiles(loadFixtureDir(`${FIX}/${dir}`))).layers[0]!;
    expect(layer.crs.epsg).toBe(epsg);
    expect(layer.encoding.encoding).toBe(encoding);
    expect(layer.features[0]!.properties.LX).toBe(TEXT);
    const p = (layer.features[0]!.geometry.coordinates as number[][][])[0]![0]!;
    expect(Math.abs(p[0]! - 117.1)).toBeLessThan(1e-8);
    expect(Math.abs(p[1]! - 36.6)).toBeLessThan(1e-8);
  });

  it('loose parts: Zone_39 .prj over unprefixed data is corrected, never NaN (RELIABILITY §0.6)', async () => {
    const files = loadFixtureDir(`${FIX}/cm117_utf8`).filter((f) => !f.name.endsWith('.prj'));
    const prj = loadFixtureDir(`${FIX}/gk39_gbk`).find((f) => f.name.endsWith('.prj'))!;
    const r = await importFiles([...files, { name: 'parcels.prj', bytes: prj.bytes }]);
    expect(codes(r)).toContain('crs-prefix-removed');
    const p = (r.layers[0]!.features[0]!.geometry.coordinates as number[][][])[0]![0]!;
    expect(p[0]).toBeCloseTo(117.1, 7);
  });

  it('no .prj over zone-prefixed metres: zone guessed from the easting, to be confirmed', async () => {
    const r = await importFiles(loadFixtureDir(`${FIX}/gk39_gbk`).filter((f) => !f.name.endsWith('.prj')));
    const layer = r.layers[0]!;
    expect(layer.crs).toMatchObject({ zone: 39, centralMeridian: 117, source: 'guessed' });
    expect(layer.crsNeedsConfirmation).toBe(true);
    expect(r.notes.find((n) => n.code === 'crs-guessed')?.message).toMatch(/zone 39 \(CM 117°E\)/);
  });

  it('no .prj over plain GK metres: crs-unknown asking for the central meridian; override works', async () => {
    const files = loadFixtureDir(`${FIX}/cm117_utf8`).filter((f) => !f.name.endsWith('.prj'));
    await expect(importFiles(files)).rejects.toMatchObject({
      code: 'crs-unknown',
      message: expect.stringMatching(/central meridian/),
    });
    const r = await importFiles(files, { crsOverride: 'EPSG:4548' });
    expect((r.layers[0]!.features[0]!.geometry.coordinates as number[][][])[0]![0]![0]).toBeCloseTo(117.1, 7);
  });
});

describe('encodings (test 15): 批而未供 in every case, encoding named', () => {
  const cases: [string, Partial<Record<'dbf' | 'cpg', Uint8Array | string>>, string, string][] = [
    ['GBK, no .cpg, LDID 0', { dbf: gbkDbf() }, 'gbk', 'detected'],
    ['.cpg 936', { dbf: gbkDbf(), cpg: '936' }, 'gbk', 'cpg'],
    ['.cpg ANSI 936', { dbf: gbkDbf(), cpg: 'ANSI 936' }, 'gbk', 'cpg'],
    ['.cpg CP936', { dbf: gbkDbf(), cpg: 'CP936\r\n' }, 'gbk', 'cpg'],
    ['.cpg GBK', { dbf: gbkDbf(), cpg: 'GBK' }, 'gbk', 'cpg'],
    ['.cpg GB2312', { dbf: gbkDbf(), cpg: 'GB2312' }, 'gbk', 'cpg'],
    ['.cpg GB18030', { dbf: gbkDbf(), cpg: 'GB18030' }, 'gb18030', 'cpg'],
    [
      '.cpg UTF-8',
      { dbf: gbkDbf(0, TEXT, (s) => new TextEncoder().encode(s)), cpg: 'UTF-8' },
      'utf-8',
      'cpg',
    ],
    ['LDID 0x4D', { dbf: gbkDbf(0x4d) }, 'gbk', 'ldid'],
    [
      'UTF-8 with LDID 87',
      { dbf: gbkDbf(0x57, TEXT, (s) => new TextEncoder().encode(s)) },
      'utf-8',
      'detected',
    ],
    ['.cpg says UTF-8 but bytes are GBK', { dbf: gbkDbf(), cpg: 'UTF-8' }, 'gbk', 'detected'],
  ];
  it.each(cases)('%s', async (_label, parts, encoding, source) => {
    const r = await importFiles(layerFiles({ ...parts, shx: 'auto' }));
    const layer = r.layers[0]!;
    expect(layer.features.map((f) => f.properties.LX)).toEqual([TEXT, TEXT]);
    expect(layer.encoding).toMatchObject({ encoding, source });
    expect(r.notes.find((n) => n.code === 'encoding-used')?.message).toContain(encoding.toUpperCase());
  });

  it('user-chosen encoding wins, and decodeDbf re-decodes the kept raw bytes', async () => {
    const r = await importFiles(layerFiles({ dbf: gbkDbf(), cpg: 'UTF-8', shx: 'auto' }), {
      encoding: 'windows-1252',
    });
    const layer = r.layers[0]!;
    expect(layer.encoding.source).toBe('user');
    expect(layer.features[0]!.properties.LX).not.toBe(TEXT);
    const again = decodeDbf(layer.dbf!, '936');
    expect(again.records[0]!.LX).toBe(TEXT);
    expect(again.encoding).toBe('gbk');
  });

  it('GBK field names (批准日期) decode and map', async () => {
    const dbf = writeDbf(
      [
        { name: '批准日期', type: 'D', length: 8 },
        { name: '宗地面积亩', type: 'N', length: 10, decimals: 2 },
      ],
      [
        ['20210315', 1.5],
        ['20200101', 3],
      ],
      { encode: encodeGbk },
    );
    const layer = (await importFiles(layerFiles({ dbf, cpg: '936', shx: 'auto' }))).layers[0]!;
    expect(layer.fieldNames).toEqual(['批准日期', '宗地面积亩']);
    expect(layer.fieldMapping).toMatchObject({ approvalDate: '批准日期', declaredAreaM2: '宗地面积亩' });
    expect(layer.features[0]!.properties.批准日期).toBe('2021-03-15');
  });
});

describe('one-ring polygons come flat (flat-ring.ts)', () => {
  it('hands a clean one-ring polygon over flat and counter-clockwise; holes and repairs as GeoJSON', async () => {
    const cw = square(117, 36.6, 0.001); // the shapefile's own winding for a shell
    const ccw = [...square(117.01, 36.6, 0.001)].reverse();
    const repeated = square(117.02, 36.6, 0.001);
    repeated.splice(2, 0, [...(repeated[1] as [number, number])] as [number, number]);
    const { shp } = writePolygonShp([
      [cw],
      [ccw],
      [square(117.03, 36.6, 0.01), square(117.032, 36.602, 0.002).reverse()],
      [repeated],
    ]);
    const r = await importFiles([{ name: 'rings.shp', bytes: shp }]);
    const features = r.layers[0]?.features ?? [];
    expect(features.map((f) => f.record)).toEqual([1, 2, 3, 4]);
    // Looked at before anything reads their coordinates (reading them builds the GeoJSON).
    expect(features.map((f) => flatRingOf(f.geometry)?.clean ?? false)).toEqual([true, true, false, false]);
    expect(r.notes.find((n) => n.code === 'duplicate-vertices')?.records).toEqual([4]);
    const counterClockwise = (x: number): number[][] => [
      [x, 36.6],
      [x + 0.001, 36.6],
      [x + 0.001, 36.601],
      [x, 36.601],
      [x, 36.6],
    ];
    expect(features[0]?.geometry).toEqual({ type: 'Polygon', coordinates: [counterClockwise(117)] });
    expect(features[1]?.geometry).toEqual({ type: 'Polygon', coordinates: [counterClockwise(117.01)] });
    expect(features[3]?.geometry).toEqual({ type: 'Polygon', coordinates: [counterClockwise(117.02)] });
    expect(features[2]?.geometry.coordinates).toHaveLength(2);
  });
});

describe('bad shapefiles (A3–A7, A10, A11)', () => {
  it('A3: .shp cut mid-record says "1 of 2 records read, file truncated"', async () => {
    const { shp, shx } = polygonLayer(2);
    const r = await importFiles([
      { name: 'cut.shp', bytes: shp.subarray(0, shp.length - 10) },
      { name: 'cut.shx', bytes: shx },
      { name: 'cut.dbf', bytes: gbkDbf() },
    ]);
    expect(r.layers[0]!.features).toHaveLength(1);
    const note = r.notes.find((n) => n.code === 'shp-truncated')!;
    expect(note.severity).toBe('error');
    expect(note.message).toMatch(/^1 of 2 records read, file truncated/);
  });

  it('A4: record length beyond EOF, negative length, header-only and 0-byte .shp', async () => {
    const { shp } = polygonLayer(2);
    const beyond = shp.slice();
    new DataView(beyond.buffer).setInt32(100 + 4, 1_000_000, false);
    let r = await importFiles([{ name: 'a.shp', bytes: beyond }]);
    expect(r.notes.find((n) => n.code === 'shp-truncated')?.message).toMatch(/0 records read|truncated/);
    const negative = shp.slice();
    new DataView(negative.buffer).setInt32(100 + 4, -5, false);
    r = await importFiles([{ name: 'a.shp', bytes: negative }]);
    expect(r.notes.some((n) => n.code === 'shp-truncated')).toBe(true);
    expect(r.layers[0]!.features).toHaveLength(0);
    const headerOnly = writePolygonShp([]).shp;
    r = await importFiles([{ name: 'h.shp', bytes: headerOnly }]);
    expect(r.notes.find((n) => n.code === 'layer-empty')?.message).toMatch(/no features/);
    await expect(importFiles([{ name: 'zero.shp', bytes: new Uint8Array(0) }])).rejects.toMatchObject({
      code: 'file-incomplete',
      message: expect.stringMatching(/empty/),
    });
  });

  it('A5: SHP/DBF count mismatch both ways names both counts and does not shift attributes', async () => {
    const three = writeDbf([{ name: 'N', type: 'N', length: 5 }], [[1], [2], [3]]);
    let r = await importFiles([...layerFiles({ shx: 'auto' }), { name: 'layer.dbf', bytes: three }]);
    expect(r.notes.find((n) => n.code === 'count-mismatch')?.message).toMatch(/2 shapes .* 3 rows/);
    expect(r.layers[0]!.features.map((f) => f.properties.N)).toEqual([1, 2]);
    const one = writeDbf([{ name: 'N', type: 'N', length: 5 }], [[1]]);
    r = await importFiles([...layerFiles({ shx: 'auto' }), { name: 'layer.dbf', bytes: one }]);
    expect(r.notes.find((n) => n.code === 'count-mismatch')?.message).toMatch(/2 shapes .* 1 rows/);
    expect(r.layers[0]!.features.map((f) => f.properties.N)).toEqual([1, undefined]);
  });

  it.each([0xffffffff, 50_000_000])(
    'A6: DBF record count %i in a tiny file is clamped before parsing',
    async (count) => {
      const dbf = gbkDbf();
      new DataView(dbf.buffer).setUint32(4, count, true);
      const r = await importFiles(layerFiles({ dbf, shx: 'auto' }));
      expect(r.notes.find((n) => n.code === 'dbf-record-count-clamped')?.message).toMatch(
        new RegExp(`claims ${count} records .* only 2`),
      );
      expect(r.layers[0]!.features).toHaveLength(2);
    },
  );

  it('A7: missing .dbf → note; missing .shx and .shx past the end → imports normally', async () => {
    let r = await importFiles(layerFiles({}));
    expect(codes(r)).toContain('dbf-missing');
    expect(r.layers[0]!.features).toHaveLength(2);
    expect(codes(r)).toContain('shx-missing');
    const badShx = polygonLayer(2).shx.slice();
    new DataView(badShx.buffer).setInt32(100, 999_999, false);
    r = await importFiles(layerFiles({ dbf: gbkDbf(), shx: badShx }));
    expect(r.layers[0]!.features).toHaveLength(2);
  });

  it('A10: MultiPatch and type 99 are unsupported; PolygonZ imports 2-D with a note; PolyLine refused', async () => {
    const multipatch = writePolygonShp([[square(0, 0, 1)]], 31).shp;
    await expect(importFiles([{ name: 'mp.shp', bytes: multipatch }])).rejects.toMatchObject({
      code: 'file-unsupported',
      message: expect.stringMatching(/unsupported geometry type MultiPatch/),
    });
    const t99 = writePolygonShp([[square(0, 0, 1)]], 99).shp;
    await expect(importFiles([{ name: 't.shp', bytes: t99 }])).rejects.toMatchObject({
      message: expect.stringMatching(/type 99/),
    });
    // PolygonZ: same layout plus Z block; the writer pads record length so the Z block exists.
    const z = writePolygonShp([[square(117, 36, 0.001)]], 15).shp;
    const r = await importFiles([{ name: 'z.shp', bytes: z }]);
    expect(codes(r)).toContain('geometry-zm-dropped');
    expect(r.layers[0]!.features).toHaveLength(1);
    const line = writePolygonShp([[square(117, 36, 0.001)]], 3).shp;
    await expect(importFiles([{ name: 'roads.shp', bytes: line }])).rejects.toMatchObject({
      code: 'file-unsupported',
      message: expect.stringMatching(/PolyLine features; .*\(role parcels\) need polygons/),
    });
  });

  it('A11: null shape, 2-point ring, unclosed ring, negative numPoints, NaN, hole with shell winding', async () => {
    const unclosed = square(117.02, 36.6, 0.001).slice(0, 4) as [number, number][];
    const shell = square(117.04, 36.6, 0.01);
    const innerCw = square(117.042, 36.602, 0.002); // clockwise, inside: a hole written as a shell
    const { shp } = writePolygonShp([
      null,
      [
        [
          [117, 36.6],
          [117.001, 36.6],
        ],
      ],
      [unclosed],
      [square(117.03, 36.6, 0.001)],
      [
        [
          [Number.NaN, 36.6],
          [117.05, 36.6],
          [117.05, 36.61],
          [Number.NaN, 36.6],
        ],
      ],
      [shell, innerCw],
    ]);
    // Record 4: negative numPoints.
    const view = new DataView(shp.buffer);
    let off = 100;
    for (let i = 0; i < 3; i++) off += 8 + view.getInt32(off + 4, false) * 2;
    view.setInt32(off + 8 + 40, -4, true);
    const r = await importFiles([{ name: 'bad.shp', bytes: shp }]);
    const byCode = (c: string) => r.notes.find((n) => n.code === c);
    expect(byCode('geometry-null')?.records).toEqual([1]);
    expect(byCode('ring-too-short')?.records).toEqual([2]);
    expect(byCode('ring-unclosed')?.records).toContain(3);
    expect(byCode('shp-record-invalid')?.records).toEqual([4]);
    expect(byCode('coordinate-not-finite')?.records).toEqual([5]);
    expect(byCode('hole-winding')?.records).toEqual([6]);
    const layer = r.layers[0]!;
    expect(layer.features.map((f) => f.record)).toEqual([3, 6]);
    expect(layer.features[1]!.geometry.type).toBe('Polygon');
    expect((layer.features[1]!.geometry.coordinates as unknown[]).length).toBe(2);
    expect(layer.featuresSkipped).toBe(4);
  });

  it('test 16: hostile DBF field names stay own keys without polluting prototypes', async () => {
    const dbf = writeDbf(
      [
        { name: '__proto__', type: 'C', length: 10 },
        { name: 'constructo', type: 'C', length: 10 },
        { name: 'prototype', type: 'C', length: 10 },
        { name: '<img src=x', type: 'C', length: 10 },
      ],
      [
        ['polluted', 'x', 'y', 'z'],
        ['a', 'b', 'c', 'd'],
      ],
    );
    const r = await importFiles(layerFiles({ dbf, shx: 'auto' }));
    const props = r.layers[0]!.features[0]!.properties;
    expect(Object.keys(props)).toEqual(['__proto__', 'constructo', 'prototype', '<img src=x']);
    expect(Object.getOwnPropertyDescriptor(props, '__proto__')?.value).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('a damaged .dbf header ends that layer only; zip with another good layer still imports', async () => {
    const good = Object.fromEntries(
      loadFixtureDir(`${FIX}/gk39_gbk`).map((f) => [`good/${f.name}`, f.bytes]),
    );
    const { shp, shx } = polygonLayer(2);
    const badDbf = gbkDbf();
    new DataView(badDbf.buffer).setUint16(8, 60_000, true);
    const r = await importFiles([
      { name: 'z.zip', bytes: zipOf({ ...good, 'bad/x.shp': shp, 'bad/x.shx': shx, 'bad/x.dbf': badDbf }) },
    ]);
    expect(r.layers.map((l) => l.name)).toEqual(['宗地']);
    expect(r.notes.find((n) => n.code === 'dbf-invalid')?.message).toMatch(/header is damaged/);
  });

  it('cancel via AbortSignal gives import-cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(importFiles(loadFixtureDir(`${FIX}/gk39_gbk`), { signal: ac.signal })).rejects.toMatchObject(
      { code: 'import-cancelled' } satisfies Partial<AppError>,
    );
  });
});

describe('a zipped layer: the .dbf read first, the .shp inflated into its buffer', () => {
  /** A layer whose .dbf is larger than its .shp (`wide`) or smaller, with notes of both files. */
  function layer(records: number, wide: boolean): Record<string, Uint8Array> {
    const rings = Array.from({ length: records }, (_, i) => [
      square(117 + (i % 50) * 0.002, 36.6 + i * 1e-4, 0.001),
    ]);
    const { shp, shx } = writePolygonShp([...rings, null]);
    const dbf = writeDbf(
      [
        { name: 'ZDDM', type: 'C', length: wide ? 200 : 16 },
        { name: 'QLR', type: 'C', length: 30 },
        { name: 'ZDMJ', type: 'N', length: 12, decimals: 2 },
      ],
      Array.from({ length: records + 1 }, (_, i) => [
        `37010${String(i).padStart(7, '0')}`,
        `${TEXT}${i % 7}`,
        i + 0.25,
      ]),
      { encode: encodeGbk, ldid: 0x4d },
    );
    return { 'd/layer.shp': shp, 'd/layer.shx': shx, 'd/layer.dbf': dbf };
  }
  const loose = (files: Record<string, Uint8Array>): SourceFile[] =>
    Object.entries(files).map(([name, bytes]) => ({ name, bytes: bytes.slice() }));

  it.each([
    ['a .shp larger than the .dbf', false],
    ['a .dbf larger than the .shp', true],
  ])('%s: the same layer and notes as from loose parts', async (_name, wide) => {
    const files = layer(300, wide);
    expect(files['d/layer.dbf']!.length > files['d/layer.shp']!.length).toBe(wide);
    const zipped = await importFiles([{ name: 'z.zip', bytes: zipOf(files) }]);
    const apart = await importFiles(loose(files));
    const [a, b] = [zipped.layers[0]!, apart.layers[0]!];
    expect(a.features).toHaveLength(300);
    expect(a.features.map((f) => f.geometry)).toEqual(b.features.map((f) => f.geometry));
    expect(a.features.map((f) => ({ ...f.properties }))).toEqual(
      b.features.map((f) => ({ ...f.properties })),
    );
    expect(a.features[299]!.properties.QLR).toBe(`${TEXT}5`);
    expect(codes(zipped)).toEqual(codes(apart));
    expect(codes(zipped)).toEqual(expect.arrayContaining(['geometry-null', 'encoding-used']));
    // The zip's layer keeps the .dbf deflated, whole: its own copy, not the buffer the .shp reused.
    expect(a.dbf).toBeUndefined();
    expect(a.dbfDeflated?.size).toBe(files['d/layer.dbf']!.length);
    expect(await inflateKept(a.dbfDeflated!, 'kept')).toEqual(files['d/layer.dbf']);
    expect(b.dbf).toEqual(files['d/layer.dbf']);
  });

  it('inflates the .shp into the buffer the .dbf was inflated into, sized for either', async () => {
    const files = layer(40, true);
    const calls: { name: string; into: Uint8Array | undefined; out: Uint8Array }[] = [];
    const deferred = (name: string, bytes: Uint8Array, deflated?: Blob): DeferredFile => ({
      name,
      size: bytes.length,
      ...(deflated ? { deflated } : {}),
      inflate: async (into) => {
        const out =
          into && into.length >= bytes.length ? into.subarray(0, bytes.length) : new Uint8Array(bytes.length);
        out.set(bytes);
        calls.push({ name, into, out });
        return out;
      },
    });
    const dbf = files['d/layer.dbf']!;
    const shp = files['d/layer.shp']!;
    const kept = new Blob([new Uint8Array([1, 2, 3])]);
    const notes = new NoteCollector();
    const imported = await importShapefileLayer(
      {
        base: 'd/layer',
        shp: deferred('d/layer.shp', shp),
        dbf: deferred('d/layer.dbf', dbf, kept),
        shx: { name: 'd/layer.shx', bytes: files['d/layer.shx']! },
      },
      { options: {}, notes, checkCancelled: () => {} },
    );
    expect(calls.map((c) => c.name)).toEqual(['d/layer.dbf', 'd/layer.shp']);
    const [first, second] = calls;
    expect(first!.into?.length).toBe(Math.max(dbf.length, shp.length));
    expect(second!.into?.buffer).toBe(first!.out.buffer);
    expect(imported?.features).toHaveLength(40);
    expect(imported?.features[39]?.properties.ZDDM).toBe('370100000039');
    expect(imported?.dbfDeflated?.deflated).toBe(kept);
    expect(imported?.dbfDeflated?.size).toBe(dbf.length);
  });

  it('keeps its own buffer for a .dbf it must keep raw (no deflated copy)', async () => {
    const files = layer(10, false);
    const intos: (Uint8Array | undefined)[] = [];
    const deferred = (name: string, bytes: Uint8Array): DeferredFile => ({
      name,
      size: bytes.length,
      inflate: async (into) => {
        intos.push(into);
        return bytes.slice();
      },
    });
    const imported = await importShapefileLayer(
      {
        base: 'd/layer',
        shp: deferred('d/layer.shp', files['d/layer.shp']!),
        dbf: deferred('d/layer.dbf', files['d/layer.dbf']!),
      },
      { options: {}, notes: new NoteCollector(), checkCancelled: () => {} },
    );
    expect(intos).toEqual([undefined, undefined]);
    expect(imported?.dbf).toEqual(files['d/layer.dbf']);
  });
});
