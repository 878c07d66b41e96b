import type { LayerRecord } from '../domain/layer';
import { parcelId } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';

/** Small deterministic records for storage tests. */
export function testLayer(id: string, overrides: Partial<LayerRecord> = {}): LayerRecord {
  return {
    id,
    name: `Layer ${id}`,
    role: 'parcels',
    source: 'test',
    featureCount: 0,
    visible: true,
    opacity: 1,
    order: 0,
    nextSeq: 0,
    createdAt: '2026-11-21T00:00:00.000Z',
    ...overrides,
  };
}

export function testParcel(layerId: string, seq: number): ParcelRecord {
  const x = 110.3 + seq * 0.001;
  return {
    id: parcelId(layerId, seq),
    layerId,
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, 25.3],
          [x + 0.0005, 25.3],
          [x + 0.0005, 25.3005],
          [x, 25.3005],
          [x, 25.3],
        ],
      ],
    },
    source: { properties: { ZDDM: `450322001001GB${String(seq).padStart(5, '0')}`, 权利人: `单位${seq}` } },
    areaM2: 2_800 + seq,
    facts: { code: `450322001001GB${String(seq).padStart(5, '0')}` },
    category: 'unclassified',
    status: 'to-verify',
    version: 1,
    updatedAt: '2026-11-21T00:00:00.000Z',
    updatedBy: 'import',
  };
}
