import { describe, expect, it } from 'vitest';
import { testParcel } from '../../db/test-records';
import type { OverlayCheck, ParcelRecord } from '../../domain/parcel';
import { bboxOf } from '../../geo/geometry.types';
import { type PackedGeometry, packedBBox, unpackGeometry } from '../../geo/packed-geometry';
import { fromTransferable, toTransferable, transferList } from './parcel-transfer';

/** Records with what a transfer could get wrong: odd strings, no code, -0 and NaN areas, checks. */
function oddRecords(): ParcelRecord[] {
  const records = Array.from({ length: 6 }, (_, i) => testParcel('L', i));
  const [a, b, c, d, e] = records as [ParcelRecord, ParcelRecord, ParcelRecord, ParcelRecord, ParcelRecord];
  a.facts = { code: '带"引号"\n与换行\\ \ud800', owner: 'not sent' };
  b.facts = {};
  b.areaM2 = -0;
  c.areaM2 = Number.NaN;
  c.overlay = [
    { role: 'permanent-farmland', verdict: 'conflict', insideM2: 120.5 },
    { role: 'development-boundary', verdict: 'failed', insideM2: 0, failure: 'topology', reason: 'x' },
  ];
  d.overlay = [];
  // Ten checks (more than the word cache has places for), roles in another order than c's, the same
  // words in other fields, an extra field without a reason and one after it.
  const roles = ['development-boundary', 'permanent-farmland', 'ecological-redline'] as const;
  (records[5] as ParcelRecord).overlay = Array.from({ length: 10 }, (_, k) => ({
    role: roles[(k * 2) % 3] as (typeof roles)[number],
    verdict: k % 4 === 0 ? 'conflict' : 'ok',
    insideM2: k * 0.5,
    ...(k % 3 === 0 ? { reason: k === 9 ? 'permanent-farmland' : 'x' } : {}),
    ...(k === 4 ? { failure: 'topology' } : {}),
    ...(k === 6 ? { note: 'ok' } : {}),
  }));
  e.category = 'idle';
  e.status = 'confirmed';
  e.geometry = {
    type: 'MultiPolygon',
    coordinates: [e.geometry.coordinates as never, testParcel('L', 9).geometry.coordinates as never],
  };
  return records;
}

describe('parcels handed between workers', () => {
  it('arrive with exactly the fields the map reads, through a structured clone', () => {
    const records = oddRecords();
    const sent = toTransferable(records);
    // The columns are views of one buffer (postMessage's cost grows with the buffers it moves).
    const columns = [
      sent.layerIds,
      sent.statuses,
      sent.areaM2,
      sent.checkCounts,
      sent.checkReasons,
      sent.checkInsideM2,
    ];
    expect(new Set(columns.map((c) => c.buffer)).size).toBe(1);
    const part = fromTransferable(structuredClone(sent, { transfer: transferList([sent]) }));
    expect(part.records).toHaveLength(records.length);
    part.records.forEach((got, i) => {
      const r = records[i] as ParcelRecord;
      expect(got.id).toBe(r.id);
      expect(got.layerId).toBe(r.layerId);
      expect(got.facts).toEqual(r.facts.code === undefined ? {} : { code: r.facts.code });
      expect(got.category).toBe(r.category);
      expect(got.status).toBe(r.status);
      expect(Object.is(got.areaM2, r.areaM2)).toBe(true);
      expect(got.overlay).toEqual(r.overlay);
      expect(unpackGeometry(part.geometry, i)).toEqual(r.geometry);
      expect(packedBBox(part.geometry, i)).toEqual(bboxOf(r.geometry));
    });
    // Moved, not copied: the sender's arrays are detached.
    expect(sent.areaM2.length).toBe(0);
  });

  it('arrive with their ids, whether an import made them (layer id and number) or not', () => {
    const ids = [
      'L#0',
      'L#7',
      'L#123456789',
      'L#07',
      'L#-1',
      'L#',
      'L#1e3',
      'L#1234567890',
      'Lx#5',
      'X#5',
      '#5',
      'L',
      '甲#1',
    ];
    const records = ids.map((id, i) => ({ ...testParcel('L', i), id }));
    // A layer id that is itself a prefix of another, and one with '#' in it.
    records.push({ ...testParcel('L#1', 0), id: 'L#1#2' }, { ...testParcel('L#1', 1), id: 'L#12' });
    const sent = toTransferable(records);
    // The import's kind go in the number column, the others in the text.
    expect(Array.from(sent.seqs)).toEqual([0, 7, 123456789, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 2, -1]);
    const part = fromTransferable(structuredClone(sent, { transfer: transferList([sent]) }));
    expect(part.records.map((r) => r.id)).toEqual(records.map((r) => r.id));
    expect(part.records.map((r) => r.layerId)).toEqual(records.map((r) => r.layerId));
  });

  it('arrive without the words they lack: a check with no verdict does not take another field’s', () => {
    const record = testParcel('L', 0);
    record.overlay = [{ role: 'permanent-farmland', insideM2: 1 } as OverlayCheck];
    const [check] = fromTransferable(structuredClone(toTransferable([record]))).records[0]?.overlay ?? [];
    expect(check?.role).toBe('permanent-farmland');
    expect(check?.verdict ?? undefined).toBeUndefined();
  });

  it('take geometries already packed (as the import wrote them) instead of packing them again', () => {
    const records = oddRecords();
    const packed = toTransferable(records).geometry;
    const sent = toTransferable(records, packed);
    expect(sent.geometry).toBe(packed);
    const part = fromTransferable(sent);
    records.forEach((r, i) => {
      expect(unpackGeometry(part.geometry, i)).toEqual(r.geometry);
    });
    // Geometries that do not match the parcels are refused, not handed on.
    expect(() => toTransferable(records.slice(1), packed)).toThrow(/packed geometries for 5 parcels/);
  });

  it('move each buffer once when parts share one (views of the importer’s coordinates), and arrive whole', () => {
    const records = oddRecords().slice(0, 4);
    const packed = toTransferable(records).geometry;
    // Both parts' coordinates are views of one array, as an import's chunks of one layer are.
    const half = (packed.ringEnds[1] as number) * 2;
    const coords = Float64Array.from(packed.coords as Float64Array);
    const first = packPolygonsOf(records.slice(0, 2));
    const second = packPolygonsOf(records.slice(2));
    first.coords = coords.subarray(0, half);
    second.coords = coords.subarray(half);
    const parts = [toTransferable(records.slice(0, 2), first), toTransferable(records.slice(2), second)];
    const list = transferList(parts);
    expect(list.filter((b) => b === coords.buffer)).toHaveLength(1);
    expect(new Set(list).size).toBe(list.length);
    const arrived = structuredClone(parts, { transfer: list }).map(fromTransferable);
    expect(coords.length).toBe(0);
    arrived.forEach((part, p) => {
      part.records.forEach((_, i) => {
        expect(unpackGeometry(part.geometry, i)).toEqual(records[p * 2 + i]?.geometry);
      });
    });
  });
});

/** The parcels' geometries packed, with ends of their own (a stored chunk's). */
function packPolygonsOf(records: readonly ParcelRecord[]): PackedGeometry & { coords: Float64Array } {
  return toTransferable(records).geometry as PackedGeometry & { coords: Float64Array };
}
