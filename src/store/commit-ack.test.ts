import 'fake-indexeddb/auto';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { LandstockDatabase } from '../db/schema';
import { testLayer, testParcel } from '../db/test-records';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';

/**
 * RELIABILITY.md 26: "saved" only after the transaction's `complete`. The fault: every write of a
 * transaction succeeds, then the transaction aborts at commit (what a full disk or a closing tab
 * can do). A DBCore middleware aborts the transaction right after its change-log write succeeds —
 * the last request of an edit — so nothing before commit fails.
 */
class AbortAtCommit extends LandstockDatabase {
  armed = false;
  constructor(name: string) {
    super(name);
    this.use({
      stack: 'dbcore',
      name: 'abort-at-commit',
      create: (down: DBCore): DBCore => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          if (tableName !== 'changes') return table;
          return {
            ...table,
            mutate: async (request: DBCoreMutateRequest) => {
              const result = await table.mutate(request);
              if (this.armed) {
                this.armed = false;
                (request.trans as unknown as IDBTransaction).abort();
              }
              return result;
            },
          };
        },
      }),
    });
  }
}

async function setup() {
  let db: AbortAtCommit | undefined;
  const opened = await openDatabase(`ack-${Math.random()}`, (name) => {
    db = new AbortAtCommit(name);
    return db;
  });
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: async () => [
        {
          layer: testLayer('P'),
          content: { kind: 'parcels', items: Array.from({ length: 5 }, (_, i) => testParcel('P', i)) },
        },
      ],
      now: () => new Date('2026-11-22T08:00:00Z'),
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
    },
  });
  await store.getState().boot();
  return { store, opened, db: db as AbortAtCommit };
}

describe('R26: acknowledge on commit', () => {
  it('an edit whose transaction aborts at commit is rejected, and neither store nor database changes', async () => {
    const { store, opened, db } = await setup();
    db.armed = true;
    await expect(store.getState().editParcel('P#1', { category: 'idle' })).rejects.toBeTruthy();
    expect(db.armed).toBe(false); // the fault really fired
    expect(store.getState().parcels.get('P#1')?.category).toBe('unclassified');
    expect(store.getState().canUndo).toBe(false);
    expect((await opened.repositories.parcels.get('P#1'))?.category).toBe('unclassified');
    expect(await opened.repositories.changes.all()).toHaveLength(0);
    // The next edit (no fault) is saved and acknowledged normally.
    await store.getState().editParcel('P#1', { category: 'idle' });
    expect(store.getState().parcels.get('P#1')?.category).toBe('idle');
    expect((await opened.repositories.parcels.get('P#1'))?.category).toBe('idle');
    expect(await opened.repositories.changes.all()).toHaveLength(1);
  });

  it('a patrol whose transaction aborts at commit is not reported saved, and nothing of it is stored', async () => {
    const { opened, db } = await setup();
    // The patrol repository writes the photos, then the patrol: abort as the patrol is written.
    let abortNext = true;
    db.patrols.hook('creating', (_key, _obj, transaction) => {
      if (!abortNext) return;
      abortNext = false;
      queueMicrotask(() => transaction.abort());
    });
    const save = opened.repositories.patrols.add(
      {
        id: 'patrol-1',
        parcelId: 'P#1',
        at: '2026-11-22T08:00:00.000Z',
        inspector: '张三',
        stage: 'not-started',
        finding: 'normal',
        notes: '无施工迹象',
        photoIds: ['photo-1'],
        createdAt: '2026-11-22T08:00:00.000Z',
      },
      [
        {
          id: 'photo-1',
          patrolId: 'patrol-1',
          parcelId: 'P#1',
          blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
          type: 'image/jpeg',
          width: 1,
          height: 1,
          name: 'site.jpg',
        },
      ],
    );
    await expect(save).rejects.toBeTruthy();
    expect(abortNext).toBe(false);
    expect(await opened.repositories.patrols.count()).toEqual({ patrols: 0, photos: 0 });
  });
});
