import { describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../../domain/change-entry';
import type { ParcelRecord } from '../../domain/parcel';
import { mergeParcels } from './merge';
import { sampleRecord, squareRing } from './sample-records';

const base = (seq: number) =>
  sampleRecord(
    seq,
    { type: 'Polygon', coordinates: [squareRing(111 + seq * 0.01, 25, 0.001)] },
    { updatedAt: '2025-01-01T00:00:00.000Z' },
  );
const change = (
  parcelId: string,
  field: string,
  at: string,
  newValue: unknown,
  who = '张三',
): ChangeEntry => ({
  parcelId,
  field,
  at,
  who,
  oldValue: null,
  newValue,
  batch: `${who}-${at}`,
});

describe('mergeParcels', () => {
  it('adds new parcels, takes one-sided changes, lists true conflicts and drops nothing silently', () => {
    const shared = change('layer-a#1', 'status', '2025-01-05T00:00:00.000Z', 'confirmed', '李四');
    const local1: ParcelRecord = {
      ...base(1),
      status: 'disposing',
      notes: '本地备注',
      facts: { ...base(1).facts, owner: '甲公司' },
      version: 4,
      updatedAt: '2025-02-10T00:00:00.000Z',
    };
    const theirs1: ParcelRecord = {
      ...base(1),
      status: 'disposed',
      category: 'idle',
      facts: { ...base(1).facts, owner: '乙公司', approvalDate: '2019-01-01' },
      geometry: { type: 'Polygon', coordinates: [squareRing(111.01, 25, 0.002)] },
      areaM2: 99_999,
      version: 3,
      updatedAt: '2025-02-20T00:00:00.000Z',
    };
    const localChanges = [
      shared,
      change('layer-a#1', 'status', '2025-02-10T00:00:00.000Z', 'disposing'),
      change('layer-a#1', 'notes', '2025-02-10T00:00:00.000Z', '本地备注'),
      change('layer-a#1', 'facts.owner', '2025-02-12T00:00:00.000Z', '甲公司'),
    ];
    const incomingChanges = [
      { ...shared, id: 99 },
      change('layer-a#1', 'status', '2025-02-20T00:00:00.000Z', 'disposed', '王五'),
      change('layer-a#1', 'category', '2025-02-15T00:00:00.000Z', 'idle', '王五'),
      change('layer-a#1', 'facts.owner', '2025-02-11T00:00:00.000Z', '乙公司', '王五'),
      change('layer-a#1', 'facts.approvalDate', '2025-02-11T00:00:00.000Z', '2019-01-01', '王五'),
      change('layer-a#1', 'geometry', '2025-02-16T00:00:00.000Z', null, '王五'),
    ];
    const untouched = base(2);
    const onlyTheirs = base(3);
    const local = [local1, untouched];
    const before = JSON.stringify(local);
    const result = mergeParcels(
      local,
      [theirs1, { ...untouched }, onlyTheirs],
      localChanges,
      incomingChanges,
    );
    expect(JSON.stringify(local)).toBe(before);

    expect(result.added).toEqual(['layer-a#3']);
    expect(result.updated).toEqual(['layer-a#1']);
    expect(result.merged.map((p) => p.id)).toEqual(['layer-a#1', 'layer-a#2', 'layer-a#3']);
    const merged = result.merged[0] as ParcelRecord;
    // Only the incoming side changed these: taken without a conflict.
    expect(merged.category).toBe('idle');
    expect(merged.facts.approvalDate).toBe('2019-01-01');
    expect(merged.geometry).toEqual(theirs1.geometry);
    expect(merged.areaM2).toBe(99_999);
    // Only the local side changed the note: kept.
    expect(merged.notes).toBe('本地备注');
    // Both changed status (incoming newer) and owner (local newer): newer wins, both listed.
    expect(merged.status).toBe('disposed');
    expect(merged.facts.owner).toBe('甲公司');
    expect(result.conflicts).toEqual([
      {
        parcelId: 'layer-a#1',
        field: 'status',
        localValue: 'disposing',
        incomingValue: 'disposed',
        localAt: '2025-02-10T00:00:00.000Z',
        incomingAt: '2025-02-20T00:00:00.000Z',
        chosen: 'incoming',
        kind: 'both-changed',
      },
      {
        parcelId: 'layer-a#1',
        field: 'facts.owner',
        localValue: '甲公司',
        incomingValue: '乙公司',
        localAt: '2025-02-12T00:00:00.000Z',
        incomingAt: '2025-02-11T00:00:00.000Z',
        chosen: 'local',
        kind: 'both-changed',
      },
    ]);
    expect(merged.version).toBe(5);
    expect(merged.updatedAt).toBe('2025-02-20T00:00:00.000Z');
    expect(merged.updatedBy).toBe('merge');
    // The shared entry is not added twice; incoming-only entries come without ids.
    expect(result.changesToAdd).toHaveLength(5);
    expect(result.changesToAdd.every((c) => c.id === undefined)).toBe(true);
  });

  it('falls back on updatedAt and lists the difference when no log explains it', () => {
    const mine = { ...base(1), notes: 'A', updatedAt: '2025-03-01T00:00:00.000Z' };
    const theirs = { ...base(1), notes: 'B', updatedAt: '2025-03-02T00:00:00.000Z' };
    const result = mergeParcels([mine], [theirs], [], []);
    expect(result.merged[0]?.notes).toBe('B');
    expect(result.conflicts).toMatchObject([
      { field: 'notes', localValue: 'A', incomingValue: 'B', chosen: 'incoming', kind: 'no-history' },
    ]);
  });

  it('keeps hostile attribute keys and pollutes nothing', () => {
    const hostile = JSON.parse(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    ) as Record<string, unknown>;
    const mine = base(1);
    const theirs = { ...base(1), source: { properties: hostile } };
    const result = mergeParcels(
      [mine],
      [theirs],
      [],
      [change('layer-a#1', 'source.properties.__proto__', '2025-02-01T00:00:00.000Z', 1)],
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(result.merged[0]?.source.properties ?? {}, '__proto__')).toBe(true);
  });
});
