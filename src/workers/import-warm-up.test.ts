import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { decodeChunk, encodeChunk, releaseChunk } from '../db/chunk-codec';
import { CHUNK_SIZE } from '../db/schema';
import type { ParcelRecord } from '../domain/parcel';
import { importFiles } from '../io/import-files';
import { type LayerChoice, prepareImportedLayers } from '../io/prepare-imported';
import { loadFixtureDir } from '../io/testing/mini-shapefile';
import { toTransferable } from '../io/vector-tiles/parcel-transfer';
import { warmUpImport } from './import-warm-up';

const FIXTURE = `${import.meta.dirname}/../io/fixtures/gk39_gbk`;

/** What an import of the GDAL fixture gives, through to its stored form and the map's hand-over. */
async function importOutput() {
  const read = await importFiles(loadFixtureDir(FIXTURE));
  const layer = read.layers[0];
  if (!layer) throw new Error('the fixture has no layer');
  const choice: LayerChoice = {
    index: 0,
    include: true,
    id: 'L1',
    name: '宗地',
    role: 'parcels',
    fieldMapping: layer.fieldMapping,
    order: 1,
  };
  const prepared = prepareImportedLayers(read, [choice], [], '2025-03-01T00:00:00.000Z');
  const content = prepared.layers[0]?.content;
  if (content?.kind !== 'parcels') throw new Error('no parcels prepared');
  const items = content.items;
  const stored = encodeChunk({ layerId: 'L1', index: 0, kind: 'parcels', items });
  // Structured clones of what a put and a post would take, before the chunk is freed.
  const storedClone = structuredClone(stored);
  const handOver = structuredClone(
    toTransferable(items, stored.kind === 'parcels-packed' ? stored.geometry : undefined),
  );
  releaseChunk(stored);
  return { features: layer.features.length, notes: read.notes, items, storedClone, handOver };
}

describe('warmUpImport', () => {
  it('runs every step on a small county and leaves the next import as it would have been', async () => {
    const before = await importOutput();
    let pauses = 0;
    const warmUp = await warmUpImport({
      controls: [],
      parcels: 2 * CHUNK_SIZE + 7,
      stopped: () => false,
      pause: async () => {
        pauses++;
      },
    });
    expect(warmUp.completed).toBe(true);
    // Six steps before the chunks (files made, then read), then one per chunk of the 1,007 parcels.
    expect(pauses).toBe(6 + 3);
    const after = await importOutput();
    expect(after.features).toBe(before.features);
    expect(after.notes).toEqual(before.notes);
    expect(after.items).toEqual(before.items);
    // The packers keep work arrays from one chunk to the next: the warm-up's chunks leave nothing in them.
    expect(after.storedClone).toEqual(before.storedClone);
    expect((decodeChunk(after.storedClone).items as ParcelRecord[]).map((p) => p.id)).toEqual(
      before.items.map((p) => p.id),
    );
    expect(after.handOver).toEqual(before.handOver);
  });

  it('ends at the next step once a session has started, and does nothing when one has already', async () => {
    let pauses = 0;
    let session = false;
    const running = warmUpImport({
      controls: [],
      parcels: 4 * CHUNK_SIZE,
      stopped: () => session,
      pause: async () => {
        pauses++;
        // A session's first call comes in during the fourth pause (after the files are made).
        if (pauses === 4) session = true;
      },
    });
    expect((await running).completed).toBe(false);
    expect(pauses).toBe(4);

    let asked = 0;
    const none = await warmUpImport({
      controls: [],
      stopped: () => true,
      pause: async () => {
        asked++;
      },
    });
    expect(none.completed).toBe(false);
    expect(asked).toBe(1);
  });

  it('opens no database', async () => {
    const before = (await indexedDB.databases()).map((d) => d.name);
    await warmUpImport({ controls: [], parcels: CHUNK_SIZE, stopped: () => false, pause: async () => {} });
    expect((await indexedDB.databases()).map((d) => d.name)).toEqual(before);
  });
});
