import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { testLayer, testParcel } from '../db/test-records';
import { fiveYearSupplyRate } from '../domain/indicators';
import { exactGeodesicAreaM2 } from '../geo/area';
import type { Position } from '../geo/geometry.types';
import { AppError } from '../shared/errors';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';
import type { AppServices } from './services';

const LAYER = 'demo-parcels';

async function setup() {
  const opened = await openDatabase(`split-${Math.random()}`);
  const services: AppServices = {
    async loadDemoLayers() {
      return [
        {
          layer: testLayer(LAYER, { source: 'demo' }),
          content: { kind: 'parcels', items: [0, 1, 2].map((i) => testParcel(LAYER, i)) },
        },
      ];
    },
    now: () => new Date('2026-11-21T08:00:00Z'),
    overlay: createInProcessOverlay(),
    startImport: createInProcessImportSession,
  };
  const store = createAppStore({ repositories: opened.repositories, services });
  await store.getState().boot();
  return { opened, store, repositories: opened.repositories };
}

// testParcel(…, 1) spans lon 110.301–110.3015, lat 25.3–25.3005: a line across it from south to north.
const across: Position[] = [
  [110.30125, 25.2999],
  [110.30125, 25.3006],
];

async function reason(promise: Promise<unknown>): Promise<unknown> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).details.reason;
}

describe('split and merge through the store', () => {
  it('splits a parcel: parts keep attributes and history, parent removed, one transaction, undo/redo', async () => {
    const { opened, store, repositories } = await setup();
    const id = `${LAYER}#1`;
    await store.getState().editParcel(id, { category: 'idle' }, '核实');
    const parent = await repositories.parcels.get(id);
    if (!parent) throw new Error('no parent');
    const parts = await store.getState().splitParcel(id, across, '分宗');
    expect(parts.map((p) => p.id)).toEqual([`${LAYER}#3`, `${LAYER}#4`]);
    expect(await repositories.parcels.get(id)).toBeUndefined();
    expect(store.getState().parcels.has(id)).toBe(false);
    for (const part of parts) {
      expect(store.getState().parcels.get(part.id)?.category).toBe('idle');
      const stored = await repositories.parcels.get(part.id);
      expect(stored?.facts.code).toBe(parent.facts.code);
      expect(stored?.source.properties).toEqual(parent.source.properties);
      const log = await repositories.changes.forParcel(part.id);
      expect(log.map((c) => [c.field, c.oldValue])).toEqual([
        ['category', 'unclassified'],
        ['split', id],
      ]);
    }
    const sum = parts.reduce((s, p) => s + p.areaM2, 0);
    expect(Math.abs(sum - exactGeodesicAreaM2(parent.geometry)) / sum).toBeLessThan(1e-6);
    const parentLog = await repositories.changes.forParcel(id);
    expect(parentLog.at(-1)?.field).toBe('split');
    expect(parentLog.at(-1)?.newValue).toBe(`${LAYER}#3, ${LAYER}#4`);
    expect((await repositories.layers.list()).find((l) => l.id === LAYER)?.featureCount).toBe(4);

    await store.getState().undo();
    expect((await repositories.parcels.get(id))?.category).toBe('idle');
    expect(await repositories.parcels.get(`${LAYER}#3`)).toBeUndefined();
    expect(store.getState().parcels.has(id)).toBe(true);
    expect(store.getState().parcels.has(`${LAYER}#4`)).toBe(false);
    await store.getState().redo();
    expect(await repositories.parcels.get(id)).toBeUndefined();
    expect((await repositories.parcels.get(`${LAYER}#4`))?.areaM2).toBeCloseTo(parts[1]?.areaM2 ?? 0, 6);
    expect(store.getState().parcels.size).toBe(4);
    opened.close();
  });

  it('merges the parts back into the chosen survivor; others removed with a log entry; undo restores', async () => {
    const { opened, store, repositories } = await setup();
    const parent = await repositories.parcels.get(`${LAYER}#1`);
    const [a, b] = await store.getState().splitParcel(`${LAYER}#1`, across);
    if (!a || !b || !parent) throw new Error('split failed');
    await store.getState().editParcel(b.id, { notes: '保留' });
    const merged = await store.getState().mergeParcels(b.id, [a.id], '合宗');
    expect(merged.id).toBe(b.id);
    expect(merged.notes).toBe('保留');
    expect(Math.abs(merged.areaM2 - exactGeodesicAreaM2(parent.geometry)) / merged.areaM2).toBeLessThan(1e-6);
    expect(await repositories.parcels.get(a.id)).toBeUndefined();
    expect(store.getState().parcels.has(a.id)).toBe(false);
    const gone = await repositories.changes.forParcel(a.id);
    expect(gone.at(-1)).toMatchObject({ field: 'merged', newValue: b.id, reason: '合宗' });
    const kept = await repositories.changes.forParcel(b.id);
    expect(kept.filter((c) => c.reason === '合宗').map((c) => c.field)).toEqual([
      'merged',
      'geometry',
      'areaM2',
    ]);

    await store.getState().undo();
    expect((await repositories.parcels.get(a.id))?.areaM2).toBeCloseTo(a.areaM2, 6);
    expect((await repositories.parcels.get(b.id))?.areaM2).toBeCloseTo(b.areaM2, 6);
    expect(store.getState().parcels.get(b.id)?.areaM2).toBeCloseTo(b.areaM2, 6);
    await store.getState().redo();
    expect(await repositories.parcels.get(a.id)).toBeUndefined();
    expect((await repositories.parcels.get(b.id))?.areaM2).toBeCloseTo(merged.areaM2, 6);
    opened.close();
  });

  it("a split part does not keep the parent's declared area; the log keeps the parent's figure", async () => {
    const { opened, store, repositories } = await setup();
    const id = `${LAYER}#1`;
    const before = await repositories.parcels.get(id);
    if (!before) throw new Error('no parcel');
    const declared = Math.round(exactGeodesicAreaM2(before.geometry) * 100) / 100;
    await store.getState().editParcel(id, { facts: { declaredAreaM2: declared } }, '核实');
    const parts = await store.getState().splitParcel(id, across, '分宗');
    expect(parts).toHaveLength(2);
    for (const part of parts) {
      const stored = await repositories.parcels.get(part.id);
      expect(stored?.facts.declaredAreaM2).toBeUndefined();
      // Every other fact is still the parent's.
      expect(stored?.facts.code).toBe(before.facts.code);
      const log = await repositories.changes.forParcel(part.id);
      const cleared = log.filter((c) => c.field === 'facts.declaredAreaM2' && c.reason === '分宗');
      expect(cleared.map((c) => [c.oldValue, c.newValue])).toEqual([[declared, undefined]]);
    }
    // Each part is smaller than the parent: the parent's figure would have been flagged on both.
    for (const part of parts) expect(part.areaM2).toBeLessThan(declared * 0.9);
    await store.getState().undo();
    expect((await repositories.parcels.get(id))?.facts.declaredAreaM2).toBe(declared);
    opened.close();
  });

  it('approved and supplied areas are shared out by measured area on split and summed on merge; the supply rate is unchanged', async () => {
    const { opened, store, repositories } = await setup();
    const id = `${LAYER}#1`;
    await store
      .getState()
      .editParcel(
        id,
        { facts: { approvalDate: '2022-03-01', approvedAreaM2: 12_000, suppliedAreaM2: 3_000 } },
        '核实',
      );
    const targets = store.getState().region.targets;
    const rate = async () =>
      fiveYearSupplyRate(
        await store.getState().loadRecords(),
        await store.getState().loadChanges(),
        2026,
        targets,
      );
    const before = await rate();
    const parts = await store.getState().splitParcel(id, across, '分宗');
    const stored = await Promise.all(parts.map((p) => repositories.parcels.get(p.id)));
    const total = stored.reduce((sum, p) => sum + (p?.areaM2 ?? 0), 0);
    for (const part of stored) {
      // Each part's share follows its measured area.
      expect(part?.facts.approvedAreaM2).toBeCloseTo((12_000 * (part?.areaM2 ?? 0)) / total, 6);
      expect(part?.facts.suppliedAreaM2).toBeCloseTo((3_000 * (part?.areaM2 ?? 0)) / total, 6);
    }
    expect(stored.reduce((sum, p) => sum + (p?.facts.approvedAreaM2 ?? 0), 0)).toBeCloseTo(12_000, 6);
    expect(stored.reduce((sum, p) => sum + (p?.facts.suppliedAreaM2 ?? 0), 0)).toBeCloseTo(3_000, 6);
    // Replayed for the assessment dates (mid-year before the split, year end after it): counted once.
    const afterSplit = await rate();
    for (const key of ['midYear', 'yearEnd'] as const) {
      expect(afterSplit[key].wholeM2).toBeCloseTo(before[key].wholeM2, 4);
      expect(afterSplit[key].partM2).toBeCloseTo(before[key].partM2, 4);
    }
    const [first, second] = parts;
    if (!first || !second) throw new Error('expected two parts');
    const merged = await store.getState().mergeParcels(first.id, [second.id], '合宗');
    expect(merged.facts.approvedAreaM2).toBeCloseTo(12_000, 6);
    expect(merged.facts.suppliedAreaM2).toBeCloseTo(3_000, 6);
    expect((await rate()).yearEnd.wholeM2).toBeCloseTo(before.yearEnd.wholeM2, 4);
    opened.close();
  });

  it('a merged parcel declares the sum of the declared areas when all have one, else none', async () => {
    const { opened, store, repositories } = await setup();
    const [a, b] = await store.getState().splitParcel(`${LAYER}#1`, across);
    if (!a || !b) throw new Error('split failed');
    await store.getState().editParcel(a.id, { facts: { declaredAreaM2: 1234.5 } });
    await store.getState().editParcel(b.id, { facts: { declaredAreaM2: 1000.25 } });
    const merged = await store.getState().mergeParcels(b.id, [a.id], '合宗');
    expect(merged.facts.declaredAreaM2).toBe(1234.5 + 1000.25);
    expect((await repositories.parcels.get(b.id))?.facts.declaredAreaM2).toBe(2234.75);
    const log = (await repositories.changes.forParcel(b.id)).filter((c) => c.reason === '合宗');
    expect(log.find((c) => c.field === 'facts.declaredAreaM2')).toMatchObject({
      oldValue: 1000.25,
      newValue: 2234.75,
    });
    await store.getState().undo();
    expect((await repositories.parcels.get(b.id))?.facts.declaredAreaM2).toBe(1000.25);
    expect((await repositories.parcels.get(a.id))?.facts.declaredAreaM2).toBe(1234.5);

    // Only one of the two declares an area: the merged parcel declares none, the log keeps it.
    await store.getState().editParcel(a.id, { facts: { declaredAreaM2: undefined } });
    const second = await store.getState().mergeParcels(b.id, [a.id], '再合');
    expect(second.facts.declaredAreaM2).toBeUndefined();
    expect('declaredAreaM2' in second.facts).toBe(false);
    const secondLog = (await repositories.changes.forParcel(b.id)).filter((c) => c.reason === '再合');
    expect(secondLog.find((c) => c.field === 'facts.declaredAreaM2')).toMatchObject({
      oldValue: 1000.25,
      newValue: undefined,
    });
    opened.close();
  });

  it('refuses a line that misses and parcels that do not touch, changing nothing', async () => {
    const { opened, store, repositories } = await setup();
    const miss: Position[] = [
      [110.2, 25.2],
      [110.2, 25.25],
    ];
    expect(await reason(store.getState().splitParcel(`${LAYER}#1`, miss))).toBe('line-misses');
    expect(await reason(store.getState().mergeParcels(`${LAYER}#0`, [`${LAYER}#2`]))).toBe('not-adjacent');
    expect((await repositories.parcels.readLayer(LAYER)).map((p) => p.version)).toEqual([1, 1, 1]);
    expect(await repositories.changes.all()).toHaveLength(0);
    expect(store.getState().canUndo).toBe(false);
    opened.close();
  });
});
