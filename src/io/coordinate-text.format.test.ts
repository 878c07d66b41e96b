import { describe, expect, it } from 'vitest';
import type { ImportResult } from './import.types';
import { importFiles } from './import-files';
import { encodeGbk } from './testing/mini-shapefile';

// Known point from gdaltransform (EPSG:4490 → 4527): 117.123456789, 36.654321 ↔ X 4058156.55250734, Y 39511038.6434157.
const X0 = 4058156.5525;
const Y0 = 39511038.6434;

function ring(ringNo: number, x: number, y: number, s: number, prefix = 'J'): string[] {
  const pts = [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ];
  return pts.map(
    ([px, py], i) => `${prefix}${i === 4 ? 1 : i + 1},${ringNo},${px!.toFixed(4)},${py!.toFixed(4)}`,
  );
}

function fileText(
  opts: { zone?: string; system?: string; prefixed?: boolean; extra?: string[] } = {},
): string {
  const dy = opts.prefixed === false ? -39_000_000 : 0;
  return [
    '[属性描述]',
    '格式版本号=1.01版本',
    `坐标系=${opts.system ?? '2000国家大地坐标系'}`,
    '几度分带=3',
    '投影类型=高斯克吕格',
    '计量单位=米',
    `带号=${opts.zone ?? '39'}`,
    '精度=0.0001',
    '转换参数=,,,,,,',
    '[地块坐标]',
    '10,1.5000,DK001,批而未供地块,面,J50G001001,工业用地,0601,@',
    ...ring(1, X0, Y0 + dy, 100),
    ...ring(2, X0 + 25, Y0 + dy + 25, 50),
    ',0.2500,DK002,第二块,面,,,,@',
    ...ring(1, X0 + 500, Y0 + dy, 50),
    ...(opts.extra ?? []),
  ].join('\r\n');
}

const noteOf = (r: ImportResult, code: string) => r.notes.filter((n) => n.code === code);

describe('coordinate text file (报部坐标格式)', () => {
  it.each([
    ['GBK', (s: string) => encodeGbk(s), 'gbk'],
    ['UTF-8', (s: string) => new TextEncoder().encode(s), 'utf-8'],
  ])(
    '%s, zone-prefixed eastings: parcels with holes in the right place',
    async (_label, encode, encoding) => {
      const r = await importFiles([{ name: '报批坐标.txt', bytes: encode(fileText()) }]);
      const layer = r.layers[0]!;
      expect(layer.encoding.encoding).toBe(encoding);
      expect(layer.crs).toMatchObject({ epsg: 4527, source: 'header' });
      expect(layer.features).toHaveLength(2);
      const first = layer.features[0]!;
      expect(first.properties.地块名称).toBe('批而未供地块');
      expect(first.properties['地块面积(公顷)']).toBe(1.5);
      expect((first.geometry.coordinates as unknown[]).length).toBe(2);
      const p = (first.geometry.coordinates as number[][][])[0]![0]!;
      expect(p[0]).toBeCloseTo(117.123456789, 6);
      expect(p[1]).toBeCloseTo(36.654321, 6);
      expect(layer.fieldMapping).toMatchObject({
        code: '地块编号',
        declaredAreaM2: '地块面积(公顷)',
        landUseCode: '地类编码',
      });
    },
  );

  it('plain (unprefixed) eastings with 带号 in the header', async () => {
    const r = await importFiles([
      { name: 'plain.txt', bytes: new TextEncoder().encode(fileText({ prefixed: false })) },
    ]);
    expect(r.layers[0]!.crs).toMatchObject({ epsg: 4548, zonePrefixed: false });
    expect((r.layers[0]!.features[0]!.geometry.coordinates as number[][][])[0]![0]![0]).toBeCloseTo(
      117.123456789,
      6,
    );
  });

  it('test 19: wrong field counts, missing 圈号, 2-point ring → line-numbered notes; good parcels still import', async () => {
    const extra = [
      '5,0.1,DK003,字段不对,面,,,,@',
      'J1,1,4058000.0',
      'J2,1,4058000.0,39511000.0',
      '5,0.1,DK004,缺圈号,面,,,,@',
      'J1,,4058000.0,39511000.0',
      '2,0.1,DK005,两点,面,,,,@',
      'J1,1,4059000.0,39511000.0',
      'J2,1,4059010.0,39511010.0',
    ];
    const r = await importFiles([{ name: 'bad.txt', bytes: encodeGbk(fileText({ extra })) }]);
    const lines = noteOf(r, 'text-line-invalid').map((n) => n.line);
    expect(lines).toEqual([29, 32]);
    expect(noteOf(r, 'text-line-invalid')[0]!.message).toMatch(/^Line 29: expected 4 fields/);
    expect(noteOf(r, 'text-parcel-invalid')[0]!.records).toEqual([3, 4]);
    expect(noteOf(r, 'ring-too-short')[0]!.records).toEqual([5]);
    expect(r.layers[0]!.features.map((f) => f.properties.地块编号)).toEqual(['DK001', 'DK002']);
  });

  it('1980西安坐标系 is refused with crs-needs-datum unless 7 parameters are given', async () => {
    const bytes = encodeGbk(fileText({ system: '1980西安坐标系' }));
    await expect(importFiles([{ name: 'xian.txt', bytes }])).rejects.toMatchObject({
      code: 'crs-needs-datum',
      message: expect.stringMatching(/1980西安坐标系/),
    });
    const r = await importFiles([{ name: 'xian.txt', bytes }], {
      towgs84: [24, -123, -94, 0.02, -0.25, -0.13, 1.1],
    });
    expect(r.layers[0]!.crs.towgs84).toHaveLength(7);
    expect(r.layers[0]!.features).toHaveLength(2);
  });

  it('no 带号 and prefixed eastings: zone guessed; a .txt that is not a coordinate file is refused', async () => {
    const text = fileText().replace('带号=39\r\n', '');
    const r = await importFiles([{ name: 'nozone.txt', bytes: new TextEncoder().encode(text) }]);
    expect(r.layers[0]!.crs.zone).toBe(39);
    await expect(
      importFiles([{ name: 'readme.txt', bytes: new TextEncoder().encode('hello') }]),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/not a coordinate text file/),
    });
  });
});
