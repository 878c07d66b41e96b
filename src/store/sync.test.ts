import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/open-database';
import { testLayer, testParcel } from '../db/test-records';
import type { PreparedLayer } from '../domain/layer';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';
import { createSyncHub } from './in-process-sync';
import type { AppServices } from './services';
import { broadcastingRepositories, type DataChange, parseDataChange, type SyncService } from './sync';

const DEMO = 'demo-parcels';

function demo(count: number): PreparedLayer[] {
  return [
    {
      layer: testLayer(DEMO, { source: 'demo', featureCount: count, nextSeq: count }),
      content: { kind: 'parcels', items: Array.from({ length: count }, (_, i) => testParcel(DEMO, i)) },
    },
  ];
}

function services(sync: SyncService): AppServices {
  return {
    loadDemoLayers: async () => demo(4),
    now: () => new Date('2026-11-21T08:00:00Z'),
    overlay: createInProcessOverlay(),
    startImport: createInProcessImportSession,
    sync,
  };
}

/** Two "tabs": two connections to one database and two stores joined by the in-process channel. */
async function twoTabs() {
  const name = `sync-${Math.random()}`;
  const hub = createSyncHub();
  const dbA = await openDatabase(name);
  const a = createAppStore({ repositories: dbA.repositories, services: services(hub.connect()) });
  await a.getState().boot();
  const dbB = await openDatabase(name);
  const b = createAppStore({ repositories: dbB.repositories, services: services(hub.connect()) });
  await b.getState().boot();
  const close = () => {
    dbA.close();
    dbB.close();
  };
  return { a, b, dbA, dbB, close };
}

const square = (x: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x, 25.31],
      [x + 0.001, 25.31],
      [x + 0.001, 25.311],
      [x, 25.311],
      [x, 25.31],
    ],
  ],
});

describe('R36: changes reach the other tab', () => {
  it('an edit in one tab updates the other tab’s summary, open inspector and map hand-over', async () => {
    const { a, b, close } = await twoTabs();
    const id = `${DEMO}#2`;
    await b.getState().selectParcel(id);
    expect(b.getState().selected?.version).toBe(1);
    const revision = b.getState().lastChanged.revision;

    await a.getState().editParcel(id, { category: 'idle', idleCause: 'government' });

    await vi.waitFor(() => expect(b.getState().parcels.get(id)?.category).toBe('idle'));
    expect(b.getState().selected?.category).toBe('idle');
    expect(b.getState().selected?.version).toBe(2);
    const change = b.getState().lastChanged;
    expect(change.revision).toBeGreaterThan(revision);
    expect(change.ids).toEqual([id]);
    expect(change.kind).toBe('attributes');
    // Untouched parcels keep their summaries (same objects) and map ids.
    expect(b.getState().parcels.get(`${DEMO}#1`)?.category).toBe('unclassified');
    expect(b.getState().parcels.get(id)?.mapId).toBe(b.getState().parcels.get(id)?.mapId);
    close();
  });

  it('a parcel drawn in one tab appears in the other (with its new layer); deleting it there removes it here', async () => {
    const { a, b, close } = await twoTabs();
    const created = await a.getState().createParcel(square(110.31), 'drawn');

    await vi.waitFor(() => expect(b.getState().parcels.has(created.id)).toBe(true));
    expect(b.getState().layers.some((l) => l.id === created.layerId)).toBe(true);
    expect(b.getState().parcels.get(created.id)?.layerId).toBe(created.layerId);

    await b.getState().selectParcel(created.id);
    await b.getState().deleteParcel(created.id, 'test');
    await vi.waitFor(() => expect(a.getState().parcels.has(created.id)).toBe(false));
    expect(a.getState().lastChanged).toMatchObject({ ids: [created.id], kind: 'removed' });
    expect(a.getState().removedSummary(created.id)?.id).toBe(created.id);
    expect(a.getState().layers.find((l) => l.id === created.layerId)?.featureCount).toBe(0);
    close();
  });

  it('a reshaped parcel reaches the other tab’s map as a geometry change', async () => {
    const { a, b, close } = await twoTabs();
    const id = `${DEMO}#0`;
    await a.getState().updateGeometry(id, square(110.2));
    await vi.waitFor(() => expect(b.getState().lastChanged.kind).toBe('geometry'));
    expect(b.getState().lastChanged.ids).toEqual([id]);
    const stored = await b.getState().readParcel(id);
    expect(stored?.geometry).toEqual(square(110.2));
    close();
  });

  it('a patrol saved in one tab is announced for its parcel in the other', async () => {
    const { a, b, close } = await twoTabs();
    const id = `${DEMO}#3`;
    await a.getState().savePatrol({
      parcelId: id,
      stage: 'not-started',
      finding: 'normal',
      notes: '现场无施工',
      photos: [],
    });
    await vi.waitFor(() => expect(b.getState().patrolsChanged.parcelIds).toEqual([id]));
    const patrols = await b.getState().loadPatrols(id);
    expect(patrols.map((p) => p.notes)).toEqual(['现场无施工']);
    close();
  });

  it('a layer removed or reset in one tab is reloaded in the other, keeping its selection when it still exists', async () => {
    const { a, b, close } = await twoTabs();
    await b.getState().selectParcel(`${DEMO}#1`);
    await a.getState().resetDemo();
    await vi.waitFor(() => expect(b.getState().dataRevision).toBeGreaterThan(1));
    await vi.waitFor(() => expect(b.getState().selected?.id).toBe(`${DEMO}#1`));
    expect(b.getState().parcels.size).toBe(4);
    close();
  });
});

describe('R37: the same parcel saved in two tabs', () => {
  it('the save made from an older version is refused, names the parcel, and changes nothing', async () => {
    const { a, b, dbA, close } = await twoTabs();
    const id = `${DEMO}#1`;
    await a.getState().selectParcel(id);
    await b.getState().selectParcel(id);
    const baseB = b.getState().selected?.version ?? -1;
    await a.getState().editParcel(id, { notes: 'from A' }, undefined, a.getState().selected?.version);
    await vi.waitFor(() => expect(b.getState().selected?.notes).toBe('from A'));
    const revision = a.getState().lastChanged.revision;

    await expect(b.getState().editParcel(id, { notes: 'from B' }, undefined, baseB)).rejects.toMatchObject({
      code: 'edit-conflict',
      details: { parcelId: id },
    });
    const stored = await dbA.repositories.parcels.get(id);
    expect(stored?.notes).toBe('from A');
    expect(stored?.version).toBe(2);
    expect((await dbA.repositories.changes.forParcel(id)).map((c) => c.newValue)).toEqual(['from A']);
    // Nothing was written, so nothing was told to tab A.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(a.getState().lastChanged.revision).toBe(revision);
    // Reloaded at the current version, the same save goes through.
    await b.getState().editParcel(id, { notes: 'from B' }, undefined, b.getState().selected?.version);
    await vi.waitFor(() => expect(a.getState().selected?.notes).toBe('from B'));
    close();
  });
});

describe('the cross-tab channel', () => {
  it('posts only after a write committed, with the ids it wrote', async () => {
    const opened = await openDatabase(`sync-wrap-${Math.random()}`);
    const posted: DataChange[] = [];
    const repos = broadcastingRepositories(opened.repositories, (c) => posted.push(c));
    const [prepared] = demo(3);
    if (!prepared) throw new Error('no demo');
    await repos.layers.importLayers([prepared]);
    expect(posted).toEqual([{ layers: [DEMO] }]);
    const record = testParcel(DEMO, 0);
    // A stale write is refused by the version check: nothing is posted.
    await expect(
      repos.parcels.write([{ record: { ...record, version: 5 }, expectedVersion: 4 }], []),
    ).rejects.toMatchObject({ code: 'edit-conflict' });
    expect(posted).toHaveLength(1);
    await repos.parcels.write([{ record: { ...record, version: 2 }, expectedVersion: 1 }], []);
    expect(posted[1]).toEqual({ parcels: [record.id], geometry: false });
    await repos.parcels.remove(record.id, []);
    expect(posted[2]).toEqual({ removed: [record.id] });
    await repos.layers.update(DEMO, { visible: false });
    expect(posted[3]).toEqual({ layerSettings: [DEMO] });
    opened.close();
  });

  it('accepts only well-formed messages', () => {
    expect(parseDataChange({ parcels: ['a#1'], geometry: true })).toEqual({
      parcels: ['a#1'],
      geometry: true,
    });
    expect(parseDataChange({ all: true })).toEqual({ all: true });
    expect(parseDataChange(null)).toBeNull();
    expect(parseDataChange('parcels')).toBeNull();
    expect(parseDataChange([])).toBeNull();
    expect(parseDataChange({})).toBeNull();
    expect(parseDataChange({ parcels: [1] })).toBeNull();
    expect(parseDataChange({ parcels: 'a#1' })).toBeNull();
    expect(parseDataChange({ all: 'yes' })).toBeNull();
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "removed": ["x#1"]}') as unknown;
    expect(parseDataChange(hostile)).toEqual({ removed: ['x#1'] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('delivers to the other connections, never back to the sender', async () => {
    const hub = createSyncHub();
    const one = hub.connect();
    const two = hub.connect();
    const heardOne: DataChange[] = [];
    const heardTwo: DataChange[] = [];
    one.subscribe((c) => heardOne.push(c));
    two.subscribe((c) => heardTwo.push(c));
    one.post({ parcels: ['a#1'] });
    await vi.waitFor(() => expect(heardTwo).toEqual([{ parcels: ['a#1'] }]));
    expect(heardOne).toEqual([]);
  });
});
