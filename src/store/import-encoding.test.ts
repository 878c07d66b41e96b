import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { redecodeStoredLayer } from '../io/redecode-layer';
import { createAppStore } from './app-store';
import { createInProcessImportSession } from './in-process-import';
import { createInProcessOverlay } from './in-process-overlay';

const demoParcels = JSON.parse(readFileSync('data/demo/parcels.geojson', 'utf8')) as {
  features: { properties: Record<string, unknown> }[];
};

/**
 * The app re-decodes a layer in a worker on its own database connection: here the service opens a
 * second connection to the same database, as the worker does, so the store must neither decode nor
 * write the records itself and must still see the result afterwards.
 */
async function setup() {
  const name = `encoding-${Math.random()}`;
  const opened = await openDatabase(name);
  const calls: string[] = [];
  const store = createAppStore({
    repositories: opened.repositories,
    services: {
      loadDemoLayers: async () => [],
      now: () => new Date('2026-11-21T08:00:00Z'),
      overlay: createInProcessOverlay(),
      startImport: createInProcessImportSession,
      async redecodeLayer(layerId, encoding) {
        calls.push(`${layerId}:${encoding}`);
        const own = await openDatabase(name);
        try {
          return await redecodeStoredLayer(own.repositories, layerId, encoding);
        } finally {
          own.close();
        }
      },
    },
  });
  await store.getState().boot();
  return { store, opened, calls };
}

describe('switching the encoding through the redecode service (the worker path)', () => {
  it('the service rewrites the records over its own connection; the store updates the layer and reloads', async () => {
    const { store, opened, calls } = await setup();
    await store
      .getState()
      .startImport([
        { name: 'parcels-gk-gbk.zip', bytes: new Uint8Array(readFileSync('data/demo/parcels-gk-gbk.zip')) },
      ]);
    await store.getState().rereadImport({ encoding: 'utf-8' });
    const layer = store.getState().importState?.summary?.layers[0];
    await store
      .getState()
      .commitImport([
        { index: 0, include: true, name: '宗地', role: 'parcels', fieldMapping: layer?.fieldMapping ?? {} },
      ]);
    const layerId = store.getState().importState?.storedLayerIds[0] ?? '';
    // The raw DBF is kept as it was deflated in the zip, not inflated (a county's 25.6 MB is 3.6 MB).
    const kept = await opened.repositories.meta.get<{
      dbf?: Uint8Array;
      dbfDeflated?: { deflated: Blob; size: number };
    }>(`source:${layerId}`);
    expect(kept?.dbf).toBeUndefined();
    // As a Blob (IndexedDB stores it by reference, see deflatedCopy).
    expect(kept?.dbfDeflated?.deflated).toBeInstanceOf(Blob);
    expect(kept?.dbfDeflated?.deflated.size).toBeLessThan(kept?.dbfDeflated?.size ?? 0);
    const garbled = await opened.repositories.parcels.readLayer(layerId);
    expect(String(garbled[0]?.source.properties.QLR)).toContain('\uFFFD');

    await store.getState().changeLayerEncoding(layerId, 'gbk');
    expect(calls).toEqual([`${layerId}:gbk`]);
    const fixed = await opened.repositories.parcels.readLayer(layerId);
    expect(fixed).toHaveLength(garbled.length);
    fixed.forEach((record, i) => {
      expect(record.source.properties.QLR).toBe(demoParcels.features[i]?.properties.QLR);
    });
    expect(store.getState().layers.find((l) => l.id === layerId)?.encoding).toBe('gbk');
    expect(await opened.repositories.meta.get(`source:${layerId}`)).toMatchObject({ encoding: 'gbk' });
    opened.close();
  });

  it('a layer without kept source attributes is refused with not-found, nothing rewritten', async () => {
    const { store, opened, calls } = await setup();
    await expect(store.getState().changeLayerEncoding('L-none', 'gbk')).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(calls).toEqual(['L-none:gbk']);
    opened.close();
  });
});
