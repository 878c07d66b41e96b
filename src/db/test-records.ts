import type { LayerRecord } from '../domain/layer';
import { parcelId } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import { flatRingPolygon } from '../geo/flat-ring';

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

/**
 * ArrayBuffer.prototype.transfer where the runtime lacks it (Node 20): detaches the buffer, as
 * Chromium's does, so that releaseChunk's work can be seen. Returns the undo.
 */
export function withBufferTransfer(): () => void {
  if ('transfer' in ArrayBuffer.prototype) return () => {};
  Object.defineProperty(ArrayBuffer.prototype, 'transfer', {
    configurable: true,
    value(this: ArrayBuffer, length: number): ArrayBuffer {
      return structuredClone(this, { transfer: [this] }).slice(0, length);
    },
  });
  return () => {
    delete (ArrayBuffer.prototype as { transfer?: unknown }).transfer;
  };
}

/** Parcels whose geometries are flat rings one after another in one array, as an importer hands them. */
export function flatParcels(layerId: string, count: number): { items: ParcelRecord[]; coords: Float64Array } {
  const items = Array.from({ length: count }, (_, i) => testParcel(layerId, i));
  const rings = items.map((p) => (p.geometry.coordinates as number[][][])[0] as number[][]);
  const coords = new Float64Array(rings.reduce((n, r) => n + 2 * r.length, 0));
  let at = 0;
  items.forEach((p, i) => {
    const start = at;
    for (const [x, y] of rings[i] as number[][]) {
      coords[2 * at] = x as number;
      coords[2 * at + 1] = y as number;
      at++;
    }
    p.geometry = flatRingPolygon(coords, start, at);
  });
  return { items, coords };
}
