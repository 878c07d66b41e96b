import type { ParcelRecord } from '../../domain/parcel';
import type { AreaGeometry, Ring } from '../../geo/geometry.types';
import { mulberry32 } from '../../shared/seeded-random';

/** Seeded so fixtures and benches are the same on every run. */
export const seededRandom = mulberry32;

/** A closed square ring around (lon, lat), half-size in degrees; counter-clockwise unless `clockwise`. */
export function squareRing(lon: number, lat: number, half: number, clockwise = false): Ring {
  const ring: Ring = [
    [lon - half, lat - half],
    [lon + half, lat - half],
    [lon + half, lat + half],
    [lon - half, lat + half],
  ];
  if (clockwise) ring.reverse();
  ring.push([...(ring[0] as number[])]);
  return ring;
}

/** A record with sensible defaults, for tests and benches of the exports. */
export function sampleRecord(
  seq: number,
  geometry: AreaGeometry,
  overrides: Partial<ParcelRecord> = {},
): ParcelRecord {
  return {
    id: `layer-a#${seq}`,
    layerId: 'layer-a',
    geometry,
    source: { properties: { ZDDM: `450300${String(seq).padStart(6, '0')}`, QLR: '某某公司' } },
    areaM2: 12_345.678,
    facts: { code: `450300${String(seq).padStart(6, '0')}`, owner: '某某公司', township: '城关镇' },
    category: 'approved-not-supplied',
    status: 'confirmed',
    version: 1,
    updatedAt: '2025-03-01T08:00:00.000Z',
    updatedBy: 'import',
    ...overrides,
  };
}

/**
 * `count` synthetic parcels near 111°E 25°N (3° zone 37): irregular 8–20-vertex rings of 30–300 m,
 * every 25th with a hole, every 40th a two-part MultiPolygon; attributes in Chinese.
 */
export function syntheticRecords(count: number, seed = 7): ParcelRecord[] {
  const random = seededRandom(seed);
  const records: ParcelRecord[] = [];
  const columns = Math.ceil(Math.sqrt(count));
  const step = 0.004;
  const categories = ['approved-not-supplied', 'idle', 'inefficient', 'supplied-not-used'] as const;
  const statuses = ['to-verify', 'confirmed', 'disposing', 'disposed'] as const;
  for (let i = 0; i < count; i++) {
    const cx = 110.5 + (i % columns) * step;
    const cy = 24.8 + Math.floor(i / columns) * step;
    const blob = (x: number, y: number, radius: number, vertices: number, clockwise: boolean): Ring => {
      const ring: Ring = [];
      for (let k = 0; k < vertices; k++) {
        const angle = ((clockwise ? -k : k) / vertices) * 2 * Math.PI;
        const r = radius * (0.75 + 0.25 * random());
        ring.push([x + r * Math.cos(angle), y + r * Math.sin(angle)]);
      }
      ring.push([...(ring[0] as number[])]);
      return ring;
    };
    const radius = 0.0003 + random() * 0.0012;
    const vertices = 8 + Math.floor(random() * 13);
    const outer = blob(cx, cy, radius, vertices, false);
    let geometry: AreaGeometry;
    if (i % 40 === 39) {
      geometry = {
        type: 'MultiPolygon',
        coordinates: [[outer], [blob(cx + 0.0018, cy, 0.0002, 6, false)]],
      };
    } else if (i % 25 === 24) {
      geometry = { type: 'Polygon', coordinates: [outer, blob(cx, cy, radius * 0.3, 6, true)] };
    } else geometry = { type: 'Polygon', coordinates: [outer] };
    const code = `45030210${String(i).padStart(8, '0')}`;
    records.push({
      id: `county#${i}`,
      layerId: 'county',
      geometry,
      source: {
        properties: {
          ZDDM: code,
          QLR: `桂林市第${i % 97}建设有限公司`,
          ZL: `临桂区${i % 13}号路以东`,
          YT: '工业用地',
          ZDMJ: Math.round(random() * 100_000) / 100,
          PZRQ: '2019-05-20',
        },
      },
      areaM2: 500 + random() * 80_000,
      facts: {
        code,
        owner: `桂林市第${i % 97}建设有限公司`,
        township: `${'城关镇两江镇会仙镇'.slice((i % 3) * 3, (i % 3) * 3 + 3)}`,
      },
      category: categories[i % categories.length] ?? 'unclassified',
      status: statuses[i % statuses.length] ?? 'to-verify',
      notes: i % 10 === 0 ? '现场已围挡，未动工' : undefined,
      version: 1 + (i % 3),
      updatedAt: '2025-02-01T00:00:00.000Z',
      updatedBy: 'import',
    });
  }
  return records;
}
