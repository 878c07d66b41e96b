import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readControlLayers } from '../db/control-layers';
import { openDatabase } from '../db/open-database';
import { layerSourceKey } from '../io/redecode-layer';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';
import type { ImportSession } from './services';
import type { DataChange } from './sync';

const zip = new Uint8Array(readFileSync('data/demo/parcels-gk-gbk.zip'));

/**
 * The app's import worker prepares and writes the layers over its own database connection
 * (`prepareAndStore`); this session does the same on a second connection in process, so the store
 * is tested on that path: it must not write the records itself, yet show them, and tell the tabs.
 */
async function setup(failWith?: 'storage-full') {
  const name = `import-store-${Math.random()}`;
  const opened = await openDatabase(name);
  const posted: DataChange[] = [];
  const startImport = (): ImportSession => {
    const session = createInProcessImportSession();
    return {
      ...session,
      async prepareAndStore(choices, now, thresholds) {
        // As the worker does: the control layers are read over the session's own connection.
        const reader = await openDatabase(name);
        const controls = await readControlLayers(reader.repositories.layers).finally(() => reader.close());
        const prepared = await session.prepare(choices, controls, now, thresholds);
        if (failWith) {
          return {
            layers: [],
            notes: prepared.notes,
            prepareMs: 1,
            writeMs: 0,
            error: { code: failWith, message: 'The device storage is full.' },
          };
        }
        const own = await openDatabase(name);
        try {
          await own.repositories.layers.importLayers(prepared.layers);
          for (const source of prepared.sources)
            await own.repositories.meta.set(layerSourceKey(source.layerId), source);
        } finally {
          own.close();
        }
        const layers = prepared.layers.map(({ layer }) => ({ id: layer.id, role: layer.role }));
        return { layers, notes: prepared.notes, prepareMs: 1, writeMs: 1 };
      },
    };
  };
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: async () => [],
      now: () => new Date('2026-11-21T08:00:00Z'),
      overlay: createInProcessOverlay(),
      startImport,
      sync: { post: (change) => posted.push(change), subscribe: () => () => undefined },
    },
  });
  await store.getState().boot();
  return { store, opened, posted };
}

async function importDemoZip(store: Awaited<ReturnType<typeof setup>>['store']): Promise<void> {
  await store.getState().startImport([{ name: 'parcels-gk-gbk.zip', bytes: zip }]);
  const layer = store.getState().importState?.summary?.layers[0];
  await store
    .getState()
    .commitImport([
      { index: 0, include: true, name: '宗地', role: 'parcels', fieldMapping: layer?.fieldMapping ?? {} },
    ]);
}

describe('an import written by its worker (prepareAndStore)', () => {
  it('the layer lands, the store shows it after its reload, the source DBF is kept, the other tabs hear', async () => {
    const { store, opened, posted } = await setup();
    await importDemoZip(store);
    const state = store.getState();
    expect(state.importState?.phase).toBe('done');
    const layerId = state.importState?.storedLayerIds[0] ?? '';
    const stored = await opened.repositories.parcels.readLayer(layerId);
    expect(stored.length).toBeGreaterThan(0);
    expect(state.parcels.size).toBe(stored.length);
    expect(state.layers.map((l) => l.id)).toContain(layerId);
    expect(await store.getState().hasLayerSource(layerId)).toBe(true);
    expect(posted).toContainEqual({ layers: [layerId] });
    opened.close();
  });

  it('a failed write in the worker is the import failing with its code; nothing is shown', async () => {
    const { store, opened, posted } = await setup('storage-full');
    await importDemoZip(store);
    const state = store.getState();
    expect(state.importState?.phase).toBe('failed');
    expect(state.importState?.error?.code).toBe('storage-full');
    expect(state.parcels.size).toBe(0);
    expect(posted).toEqual([]);
    opened.close();
  });
});
