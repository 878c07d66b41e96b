import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { testLayer, testParcel } from '../db/test-records';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';
import type { AppServices, PreparedLayer } from './services';

function demo(count: number): PreparedLayer[] {
  return [
    {
      layer: testLayer('demo-parcels', { source: 'demo' }),
      content: {
        kind: 'parcels',
        items: Array.from({ length: count }, (_, i) => testParcel('demo-parcels', i)),
      },
    },
  ];
}

function services(count = 3): AppServices & { loads: number } {
  const s = {
    loads: 0,
    async loadDemoLayers() {
      s.loads++;
      return demo(count);
    },
    now: () => new Date('2026-11-21T08:00:00Z'),
    overlay: createInProcessOverlay(),
    startImport: createInProcessImportSession,
  };
  return s;
}

describe('app store', () => {
  it('stores the demo on first boot and reads it from storage afterwards', async () => {
    const name = `store-${Math.random()}`;
    const first = await openDatabase(name);
    const s1 = services(5);
    const store1 = createAppStore({ repositories: first.repositories, services: s1 });
    await store1.getState().boot();
    expect(store1.getState().phase).toBe('ready');
    expect(store1.getState().parcels.size).toBe(5);
    expect(s1.loads).toBe(1);
    first.close();

    const second = await openDatabase(name);
    const s2 = services(5);
    const store2 = createAppStore({ repositories: second.repositories, services: s2 });
    await store2.getState().boot();
    expect(s2.loads).toBe(0);
    expect(store2.getState().parcels.size).toBe(5);
    // The map's tiles hold every stored parcel once, under its summary's map id and category.
    const summaries = [...store2.getState().parcels.values()];
    expect(new Set(summaries.map((p) => p.mapId)).size).toBe(5);
    for (const summary of summaries) {
      const held = await store2.getState().mapFeature(summary.layerId, summary.mapId);
      expect(held?.category).toBe(summary.category);
      expect(store2.getState().findByMapId(summary.mapId)?.id).toBe(summary.id);
    }
    expect(store2.getState().layerBounds['demo-parcels']).toHaveLength(4);
    second.close();
  });

  it('edits through one path: record, summary and change log together', async () => {
    const opened = await openDatabase(`store-${Math.random()}`);
    const store = createAppStore({ repositories: opened.repositories, services: services() });
    await store.getState().boot();
    await store.getState().setInspectorName('李四');
    const id = 'demo-parcels#1';
    await store.getState().selectParcel(id);
    await store
      .getState()
      .editParcel(id, { category: 'idle', facts: { agreedStartDate: '2024-01-01' } }, '现场核实');
    const state = store.getState();
    expect(state.parcels.get(id)?.category).toBe('idle');
    expect(state.selected?.category).toBe('idle');
    expect(state.lastChanged.ids).toEqual([id]);
    const log = await opened.repositories.changes.forParcel(id);
    expect(log.map((c) => [c.field, c.newValue, c.who, c.reason])).toEqual([
      ['category', 'idle', '李四', '现场核实'],
      ['facts.agreedStartDate', '2024-01-01', '李四', '现场核实'],
    ]);
    expect(new Set(log.map((c) => c.batch)).size).toBe(1);
    opened.close();
  });

  it('remembers the language', async () => {
    const name = `store-${Math.random()}`;
    const opened = await openDatabase(name);
    const store = createAppStore({ repositories: opened.repositories, services: services() });
    await store.getState().boot();
    await store.getState().setLocale('en');
    const again = createAppStore({ repositories: opened.repositories, services: services() });
    await again.getState().boot();
    expect(again.getState().locale).toBe('en');
    opened.close();
  });

  it('reset replaces edits with a fresh demo', async () => {
    const opened = await openDatabase(`store-${Math.random()}`);
    const s = services(4);
    const store = createAppStore({ repositories: opened.repositories, services: s });
    await store.getState().boot();
    await store.getState().editParcel('demo-parcels#0', { category: 'leftover' });
    await store.getState().resetDemo();
    expect(s.loads).toBe(2);
    expect(store.getState().parcels.get('demo-parcels#0')?.category).toBe('unclassified');
    expect(await opened.repositories.changes.all()).toHaveLength(0);
    opened.close();
  });

  it('shows a failed boot instead of throwing when storage is unusable', async () => {
    const opened = await openDatabase(`store-${Math.random()}`);
    opened.close();
    const store = createAppStore({ repositories: opened.repositories, services: services() });
    await store.getState().boot();
    expect(store.getState().phase).toBe('failed');
    expect(store.getState().bootError).not.toBeNull();
  });
});
