import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import type { Repositories } from '../db/repositories';
import { testLayer, testParcel } from '../db/test-records';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';
import { EditRejected } from './mutations';

async function setup(count = 20, wrap?: (r: Repositories) => Repositories) {
  const opened = await openDatabase(`mut-${Math.random()}`);
  const repositories = wrap ? wrap(opened.repositories) : opened.repositories;
  const store = createAppStore({
    repositories,
    services: {
      loadDemoLayers: async () => [
        {
          layer: testLayer('P'),
          content: { kind: 'parcels', items: Array.from({ length: count }, (_, i) => testParcel('P', i)) },
        },
      ],
      now: () => new Date('2026-11-21T08:00:00Z'),
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
    },
  });
  await store.getState().boot();
  return { store, opened };
}

describe('the one mutation path', () => {
  it('undoes and redoes an action through new logged changes', async () => {
    const { store, opened } = await setup();
    await store.getState().editParcel('P#2', { category: 'idle', idleCause: 'enterprise' });
    expect(store.getState().canUndo).toBe(true);
    await store.getState().undo();
    let record = await opened.repositories.parcels.get('P#2');
    expect(record?.category).toBe('unclassified');
    expect(record?.idleCause).toBeUndefined();
    expect(store.getState().canRedo).toBe(true);
    await store.getState().redo();
    record = await opened.repositories.parcels.get('P#2');
    expect([record?.category, record?.idleCause]).toEqual(['idle', 'enterprise']);
    const log = await opened.repositories.changes.forParcel('P#2');
    expect(log.map((c) => `${c.field}:${String(c.newValue)}:${c.reason ?? ''}`)).toEqual([
      'category:idle:',
      'idleCause:enterprise:',
      'category:unclassified:undo',
      'idleCause:undefined:undo',
      'category:idle:redo',
      'idleCause:enterprise:redo',
    ]);
  });

  it('tags many parcels at once with one log entry per parcel', async () => {
    const { store, opened } = await setup(1200);
    const ids = Array.from({ length: 1000 }, (_, i) => `P#${i + 100}`);
    expect(await store.getState().bulkEdit(ids, { category: 'leftover' }, '批量认定')).toBe(1000);
    const records = await opened.repositories.parcels.readLayer('P');
    expect(records.filter((r) => r.category === 'leftover')).toHaveLength(1000);
    const log = await opened.repositories.changes.all();
    expect(log).toHaveLength(1000);
    expect(new Set(log.map((c) => c.batch)).size).toBe(1);
    expect(new Set(log.map((c) => c.parcelId)).size).toBe(1000);
    await store.getState().undo();
    expect(
      (await opened.repositories.parcels.readLayer('P')).filter((r) => r.category === 'leftover'),
    ).toHaveLength(0);
  });

  it('refuses a status change the lifecycle does not allow, writing nothing', async () => {
    const { store, opened } = await setup();
    await expect(store.getState().editParcel('P#1', { status: 'disposed' })).rejects.toMatchObject({
      code: 'transition-not-allowed',
    });
    expect((await opened.repositories.parcels.get('P#1'))?.status).toBe('to-verify');
    expect(await opened.repositories.changes.all()).toHaveLength(0);
  });

  it('refuses invalid facts with field errors, writing nothing', async () => {
    const { store, opened } = await setup();
    const attempt = store
      .getState()
      .editParcel('P#1', { facts: { totalInvestment: 100, investedAmount: 150 } });
    await expect(attempt).rejects.toBeInstanceOf(EditRejected);
    const error = (await attempt.catch((e: unknown) => e)) as EditRejected;
    expect(error.fieldErrors.map((e) => e.field)).toContain('investedAmount');
    expect((await opened.repositories.parcels.get('P#1'))?.facts.totalInvestment).toBeUndefined();
    expect(await opened.repositories.changes.all()).toHaveLength(0);
  });

  it('a failed write leaves neither the edit nor its log entry, and the store unchanged', async () => {
    const full = new DOMException('quota', 'QuotaExceededError');
    const { store, opened } = await setup(5, (r) => ({
      ...r,
      parcels: {
        ...r.parcels,
        readLayer: r.parcels.readLayer.bind(r.parcels),
        readLayerForMap: r.parcels.readLayerForMap.bind(r.parcels),
        get: r.parcels.get.bind(r.parcels),
        getMany: r.parcels.getMany.bind(r.parcels),
        nextId: r.parcels.nextId.bind(r.parcels),
        remove: r.parcels.remove.bind(r.parcels),
        write: async () => {
          const { toStorageError } = await import('../db/storage-errors');
          throw toStorageError(full);
        },
      },
    }));
    await expect(store.getState().editParcel('P#0', { category: 'idle' })).rejects.toMatchObject({
      code: 'storage-full',
    });
    expect(store.getState().banner?.code).toBe('storage-full');
    expect(store.getState().parcels.get('P#0')?.category).toBe('unclassified');
    expect((await opened.repositories.parcels.get('P#0'))?.category).toBe('unclassified');
    expect(await opened.repositories.changes.all()).toHaveLength(0);
  });
});

describe('re-running the rules', () => {
  it('proposes re-tags without writing, and applies only the confirmed ones with a log entry each', async () => {
    const { store, opened } = await setup(6);
    // Two parcels whose facts make them idle land (agreed start long past, never started).
    for (const id of ['P#1', 'P#2']) {
      await store.getState().editParcel(id, {
        facts: { approvalDate: '2019-03-01', supplyDate: '2020-01-10', agreedStartDate: '2020-06-01' },
      });
    }
    const logBefore = (await opened.repositories.changes.all()).length;
    const proposals = await store.getState().proposeRuleChanges();
    const idle = proposals.filter((p) => p.suggested.category === 'idle').map((p) => p.id);
    expect(idle.sort()).toEqual(['P#1', 'P#2']);
    expect((await opened.repositories.changes.all()).length).toBe(logBefore);
    expect((await opened.repositories.parcels.get('P#1'))?.category).toBe('unclassified');
    const confirmed = proposals.filter((p) => p.id === 'P#1');
    expect(await store.getState().applyRuleChanges(confirmed, '按规则重新认定')).toBe(1);
    expect((await opened.repositories.parcels.get('P#1'))?.category).toBe('idle');
    expect((await opened.repositories.parcels.get('P#2'))?.category).toBe('unclassified');
    const log = await opened.repositories.changes.forParcel('P#1');
    expect(log.at(-1)).toMatchObject({ field: 'category', newValue: 'idle', reason: '按规则重新认定' });
  });
});
