import type { ParcelRecord } from '../../domain/parcel';
import { squareMetresToHectares } from '../../domain/units';
import type { Ring } from '../../geo/geometry.types';
import { polygonsOf } from '../../geo/geometry.types';
import { encodeGbk } from '../gbk-encoder';
import type { GaussKrugerChoice } from './export-crs';
import { exportProjection } from './export-crs';

export interface CoordinateTextOptions extends GaussKrugerChoice {
  /** 'gbk' (default; what 报批 and 勘测定界 tools expect) or 'utf-8'. */
  encoding?: 'gbk' | 'utf-8';
  /** 数据产生单位 written in the header (default empty). */
  producer?: string;
  /** 数据产生日期 as YYYY-MM-DD (default: today, UTC). */
  date?: string;
}

export interface CoordinateTextExport {
  bytes: Uint8Array;
  parcels: number;
  /** Point lines written (closing points included). */
  points: number;
  /** Characters with no GBK code, written as '?' (0 for UTF-8). */
  unencodableCharacters: number;
}

/**
 * The format has no quoting: a comma would shift every field after it and '@' ends the header, so
 * text fields get full-width commas and lose '@' and line breaks.
 */
function headerField(value: string | undefined): string {
  return (value ?? '')
    .replace(/[,]/g, '，')
    .replace(/[@\r\n]/g, ' ')
    .trim();
}

/** Signed area in the (easting, northing) plane; positive = counter-clockwise on the map. */
function planeSignedArea(points: [number, number][]): number {
  let sum = 0;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[j] as [number, number];
    const b = points[i] as [number, number];
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum / 2;
}

/** Projected ring without its closing point, clockwise on the map when `clockwise`. */
function projectRing(
  ring: Ring,
  project: (lon: number, lat: number) => [number, number],
  clockwise: boolean,
): [number, number][] {
  const points = ring.map((p) => project(p[0] as number, p[1] as number));
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length > 1 && first && last && first[0] === last[0] && first[1] === last[1]) points.pop();
  const isClockwise = planeSignedArea(points) < 0;
  if (isClockwise !== clockwise) {
    // Reverse but keep the first point first, so J1 stays the same corner.
    points.push(...points.splice(1).reverse());
  }
  return points;
}

/**
 * Writes the standard coordinate text file (报部坐标格式, DOMAIN.md) for the given parcels in a
 * CGCS2000 Gauss-Kruger zone: a `[属性描述]` block, then `[地块坐标]` with, per parcel, the header
 * `界址点数,地块面积(公顷),地块编号,地块名称,面,图幅号,地块用途,地类编码,@` and one line
 * `点号,圈号,X,Y` per point: X = northing, Y = easting (zone-prefixed when chosen), 4 decimals (0.1 mm).
 *
 * Choices (a reader needs to know them):
 * - 界址点数 counts the point lines, closing points included; 地块面积 is the ellipsoidal area in
 *   公顷 to 4 decimals; 地块编号 = 宗地代码 (else the parcel id); 地块名称 = 坐落 (else 权利人);
 *   地块用途 = 用途; 地类编码 = 地类编码; 图幅号 empty.
 * - Rings are written polygon by polygon: outer ring then its holes, 圈号 1, 2, 3 … consecutive over
 *   the whole parcel. A MultiPolygon's second part therefore starts at some 圈号 > 1 as another
 *   outer ring; a reader tells a hole from another part by containment (a ring inside the current
 *   outer ring is its hole), and also by orientation: outer rings clockwise on the map (顺时针, as
 *   界址点 are numbered in practice), holes counter-clockwise.
 * - 点号 J1, J2 … run on over the whole parcel; each ring closes by repeating its first point
 *   with that point's 点号.
 * Used by the export dialog ("报部坐标格式"); the output goes to 报批 and 勘测定界 tools as it is.
 */
export function exportCoordinateText(
  records: readonly ParcelRecord[],
  options: CoordinateTextOptions,
): CoordinateTextExport {
  const project = exportProjection(options);
  const lines: string[] = [
    '[属性描述]',
    '格式版本号=1.01',
    `数据产生单位=${headerField(options.producer)}`,
    `数据产生日期=${options.date ?? new Date().toISOString().slice(0, 10)}`,
    '坐标系=2000国家大地坐标系',
    `几度分带=${options.threeDegree ? 3 : 6}`,
    '投影类型=高斯克吕格',
    '计量单位=米',
    `带号=${options.zone}`,
    '精度=0.0001',
    '转换参数=,,,,,,',
    '[地块坐标]',
  ];
  let points = 0;
  for (const record of records) {
    const body: string[] = [];
    let number = 0;
    let ringNumber = 0;
    for (const polygon of polygonsOf(record.geometry)) {
      polygon.forEach((ring, index) => {
        const projected = projectRing(ring, project, index === 0);
        if (projected.length === 0) return;
        ringNumber++;
        const firstNumber = number + 1;
        for (const [easting, northing] of projected) {
          number++;
          body.push(`J${number},${ringNumber},${northing.toFixed(4)},${easting.toFixed(4)}`);
        }
        const [easting, northing] = projected[0] as [number, number];
        body.push(`J${firstNumber},${ringNumber},${northing.toFixed(4)},${easting.toFixed(4)}`);
      });
    }
    const facts = record.facts;
    lines.push(
      [
        body.length,
        squareMetresToHectares(record.areaM2).toFixed(4),
        headerField(facts.code ?? record.id),
        headerField(facts.location ?? facts.owner),
        '面',
        '',
        headerField(facts.landUse),
        headerField(facts.landUseCode),
        '@',
      ].join(','),
      ...body,
    );
    points += body.length;
  }
  const text = `${lines.join('\r\n')}\r\n`;
  if (options.encoding === 'utf-8') {
    return {
      bytes: new TextEncoder().encode(text),
      parcels: records.length,
      points,
      unencodableCharacters: 0,
    };
  }
  const { bytes, unencodable } = encodeGbk(text);
  return { bytes, parcels: records.length, points, unencodableCharacters: unencodable };
}
