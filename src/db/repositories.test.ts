import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeEntry } from '../domain/change-entry';
import type { OverlayCheck, ParcelRecord } from '../domain/parcel';
import { type OpenedDatabase, openDatabase } from './open-database';
import { CHUNK_SIZE, CURRENT_SCHEMA_VERSION } from './schema';
import { testLayer, testParcel } from './test-records';

let opened: OpenedDatabase;
let dbName: string;

beforeEach(async () => {
  dbName = `test-${Math.random()}`;
  opened = await openDatabase(dbName);
});
afterEach(() => opened.close());

function change(parcelId: string, field: string, oldValue: unknown, newValue: unknown): ChangeEntry {
  return { parcelId, field, oldValue, newValue, at: '2026-11-21T08:00:00.000Z', who: 'tester', batch: 'b1' };
}

describe('layer import', () => {
  it('stores a layer in chunks and reads every parcel back in order', async () => {
    const { layers, parcels } = opened.repositories;
    const items = Array.from({ length: CHUNK_SIZE * 2 + 7 }, (_, i) => testParcel('A', i));
    await layers.importLayer(testLayer('A'), { kind: 'parcels', items });
    const back = await parcels.readLayer('A');
    expect(back).toHaveLength(items.length);
    expect(back.map((p) => p.id)).toEqual(items.map((p) => p.id));
    expect((await layers.list())[0]?.featureCount).toBe(items.length);
    expect(await parcels.get('A#1003')).toEqual(items[1003]);
  });

  it('lands whole or not at all when a record cannot be stored', async () => {
    const { layers, parcels } = opened.repositories;
    await layers.importLayer(testLayer('keep'), { kind: 'parcels', items: [testParcel('keep', 0)] });
    const items = Array.from({ length: 100 }, (_, i) => testParcel('B', i));
    // A value IndexedDB cannot clone (a function) at record 70 aborts the transaction.
    (items[70] as unknown as { source: { properties: Record<string, unknown> } }).source.properties.bad =
      () => 1;
    await expect(layers.importLayer(testLayer('B'), { kind: 'parcels', items })).rejects.toThrow();
    expect(await parcels.readLayer('B')).toHaveLength(0);
    expect((await layers.list()).map((l) => l.id)).toEqual(['keep']);
    expect(await parcels.readLayer('keep')).toHaveLength(1);
  });
});

describe('rewriting a layer (re-checks, re-decoding)', () => {
  it('sets the named parcels’ checks and replaces named records, keeping every other field and parcel', async () => {
    const { layers, parcels } = opened.repositories;
    const items = Array.from({ length: CHUNK_SIZE * 2 + 3 }, (_, i) => testParcel('R', i));
    (items[5] as ParcelRecord).overlay = [{ role: 'ecological-redline', verdict: 'ok', insideM2: 0 }];
    await layers.importLayer(testLayer('R'), { kind: 'parcels', items });
    const checks = new Map<string, OverlayCheck[]>([
      ['R#0', [{ role: 'permanent-farmland', verdict: 'conflict', insideM2: 12.5 }]],
      [`R#${CHUNK_SIZE + 1}`, []],
      [`R#${2 * CHUNK_SIZE + 2}`, [{ role: 'development-boundary', verdict: 'outside', insideM2: 0 }]],
    ]);
    await parcels.updateOverlays('R', checks);
    const expected = items.map((p) => (checks.has(p.id) ? { ...p, overlay: checks.get(p.id) } : p));
    expect(await parcels.readLayer('R')).toEqual(expected);
    // Again, over what the first rewrite stored.
    await parcels.rewriteLayer('R', [{ ...(expected[7] as ParcelRecord), status: 'confirmed' }]);
    expect(await parcels.get('R#7')).toEqual({ ...expected[7], status: 'confirmed' });
    expect(await parcels.readLayer('R')).toEqual(
      expected.map((p, i) => (i === 7 ? { ...p, status: 'confirmed' } : p)),
    );
  });
});

describe('parcel writes', () => {
  it('writes the record and its change entries together', async () => {
    const { layers, parcels, changes } = opened.repositories;
    const original = testParcel('A', 3);
    await layers.importLayer(testLayer('A'), { kind: 'parcels', items: [testParcel('A', 0), original] });
    const edited = { ...original, id: original.id, category: 'idle' as const, version: 2 };
    await parcels.write(
      [{ record: edited, expectedVersion: 1 }],
      [change(original.id, 'category', 'unclassified', 'idle')],
    );
    expect((await parcels.get(original.id))?.category).toBe('idle');
    const log = await changes.forParcel(original.id);
    expect(log.map((c) => [c.field, c.oldValue, c.newValue])).toEqual([['category', 'unclassified', 'idle']]);
  });

  it('refuses a write based on a stale version and writes neither record nor log', async () => {
    const { layers, parcels, changes } = opened.repositories;
    const original = testParcel('A', 0);
    await layers.importLayer(testLayer('A'), { kind: 'parcels', items: [original] });
    await parcels.write([{ record: { ...original, category: 'idle', version: 2 }, expectedVersion: 1 }], []);
    await expect(
      parcels.write(
        [{ record: { ...original, category: 'leftover', version: 2 }, expectedVersion: 1 }],
        [change(original.id, 'category', 'unclassified', 'leftover')],
      ),
    ).rejects.toMatchObject({ code: 'edit-conflict' });
    expect((await parcels.get(original.id))?.category).toBe('idle');
    expect(await changes.forParcel(original.id)).toHaveLength(0);
  });

  it('adds a new parcel with an allocated id and removes it again', async () => {
    const { layers, parcels, changes } = opened.repositories;
    await layers.importLayer(testLayer('D', { source: 'drawn' }), { kind: 'parcels', items: [] });
    const id = await parcels.nextId('D');
    expect(id).toBe('D#0');
    const record = { ...testParcel('D', 0), id };
    await parcels.write([{ record, expectedVersion: null }], [change(id, 'created', null, 'drawn')]);
    expect((await parcels.readLayer('D')).map((p) => p.id)).toEqual([id]);
    expect(await parcels.nextId('D')).toBe('D#1');
    await parcels.remove(id, [change(id, 'deleted', null, true)]);
    expect(await parcels.readLayer('D')).toHaveLength(0);
    expect((await changes.forParcel(id)).map((c) => c.field)).toEqual(['created', 'deleted']);
  });

  it('maps a quota failure to a typed storage-full error', async () => {
    const { toStorageError } = await import('./storage-errors');
    const quota = new DOMException('full', 'QuotaExceededError');
    expect(toStorageError(quota).code).toBe('storage-full');
    expect(toStorageError({ name: 'AbortError', inner: quota }).code).toBe('storage-full');
    expect(toStorageError(new Error('x')).code).toBe('internal');
  });
});

describe('settings and reset', () => {
  it('keeps settings across a reset of the data', async () => {
    const { layers, settings, clearAll, parcels } = opened.repositories;
    await settings.set('locale', 'en');
    await layers.importLayer(testLayer('A'), { kind: 'parcels', items: [testParcel('A', 0)] });
    await clearAll();
    expect(await layers.list()).toHaveLength(0);
    expect(await parcels.readLayer('A')).toHaveLength(0);
    expect(await settings.get('locale')).toBe('en');
  });

  it('tells whether a key is stored without reading its value', async () => {
    const { meta } = opened.repositories;
    expect(await meta.has('source:A')).toBe(false);
    await meta.set('source:A', { bytes: new Uint8Array(8) });
    await meta.set('source:AB', 1);
    expect(await meta.has('source:A')).toBe(true);
    expect(await meta.has('source:')).toBe(false);
    expect(await meta.has('source:ABC')).toBe(false);
  });
});

describe('another tab upgrading the schema', () => {
  it('closes this connection for good and tells the app', async () => {
    let told = 0;
    opened.onVersionChange(() => {
      told++;
    });
    const { default: Dexie } = await import('dexie');
    const newer = new Dexie(dbName);
    newer.version(CURRENT_SCHEMA_VERSION + 1).stores({ meta: 'key' });
    await newer.open();
    expect(told).toBe(1);
    await expect(opened.repositories.settings.set('x', 1)).rejects.toMatchObject({
      code: 'storage-version-changed',
    });
    newer.close();
  });
});
