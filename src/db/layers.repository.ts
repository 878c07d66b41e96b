import type { LayerContent, LayerFeature, LayerRecord, PreparedLayer } from '../domain/layer';
import type { PackedGeometry } from '../geo/packed-geometry';
import { decodeChunk, encodeChunk } from './chunk-codec';
import type { ImportLayersOptions, LayerRepository } from './repositories';
import { CHUNK_SIZE, type ChunkRecord, chunkKey, type LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

/**
 * The puts of a layer's content in chunks, issued at once inside the caller's transaction (IndexedDB
 * work only: packing is synchronous). Each chunk is packed right before its put and dropped once
 * IndexedDB has cloned it, so a county's packed form is never all in memory at once — only its
 * packed geometries, when the caller collects them to hand on (`geometries`).
 */
function chunkPuts(
  db: LandstockDatabase,
  layerId: string,
  content: LayerContent,
  /** Receives each chunk's packed geometry (null for a chunk stored unpacked), when given. */
  geometries?: (PackedGeometry | null)[],
): Promise<unknown>[] {
  const puts: Promise<unknown>[] = [];
  for (let start = 0, index = 0; start < content.items.length; start += CHUNK_SIZE, index++) {
    const chunk: ChunkRecord =
      content.kind === 'parcels'
        ? { layerId, index, kind: 'parcels', items: content.items.slice(start, start + CHUNK_SIZE) }
        : { layerId, index, kind: 'features', items: content.items.slice(start, start + CHUNK_SIZE) };
    const stored = encodeChunk(chunk);
    puts.push(db.layerChunks.put(stored, chunkKey(stored)));
    geometries?.push(stored.kind === 'parcels-packed' ? stored.geometry : null);
  }
  return puts;
}

/**
 * Runs `work` once every put of an import has been taken (`taken` gives the packed geometries; null:
 * the transaction failed before), in a task of its own. The transaction commits when the task of
 * the last put's reply ends with no request pending, so the work overlaps the commit (~0.35 s at 100k
 * in Chromium) instead of delaying it, as it did when it ran between the puts and their replies.
 */
async function runWhileCommitting(
  taken: Promise<Map<string, PackedGeometry[]> | null>,
  work: (packed: ReadonlyMap<string, readonly PackedGeometry[]>) => void,
): Promise<void> {
  const packed = await taken;
  if (!packed) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    work(packed);
  } catch (error) {
    // Too late to roll the import back, and nothing stored depends on the work.
    console.error('importLayers: the work done while committing failed; the import is stored.', error);
  }
}

/** Layers and their bulk content (chunked). */
export class DexieLayerRepository implements LayerRepository {
  constructor(private readonly db: LandstockDatabase) {}

  async list(): Promise<LayerRecord[]> {
    try {
      return await this.db.layers.orderBy('order').toArray();
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async update(
    id: string,
    patch: Partial<Pick<LayerRecord, 'visible' | 'opacity' | 'name' | 'order' | 'encoding'>>,
  ): Promise<void> {
    try {
      await this.db.layers.update(id, patch);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async importLayer(layer: LayerRecord, content: LayerContent): Promise<void> {
    try {
      // One transaction: a reload, crash or full disk mid-import leaves nothing of this layer.
      await this.db.transaction('rw', this.db.layers, this.db.layerChunks, async () => {
        await this.db.layers.put({
          ...layer,
          featureCount: content.items.length,
          nextSeq: content.items.length,
        });
        await Promise.all(chunkPuts(this.db, layer.id, content));
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async importLayers(
    layers: readonly PreparedLayer[],
    meta: readonly { key: string; value: unknown }[] = [],
    options: ImportLayersOptions = {},
  ): Promise<void> {
    let taken: (packed: Map<string, PackedGeometry[]> | null) => void = () => {};
    const allTaken = new Promise<Map<string, PackedGeometry[]> | null>((resolve) => {
      taken = resolve;
    });
    const { whileCommitting } = options;
    const handOver = whileCommitting ? runWhileCommitting(allTaken, whileCommitting) : Promise.resolve();
    try {
      // A transaction of this thread whose last reply came in the current task (the caller's read of
      // the control layers, Dexie's own on opening) commits only when the task ends, and until then
      // it holds back this write's puts in the browser: they would all be stored only after the
      // packing (~0.35 s at 100k in Chromium). Starting in a task of its own lets the browser store
      // each chunk while the next is packed.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await this.db.transaction('rw', this.db.layers, this.db.layerChunks, this.db.meta, async () => {
        // Every put is issued before any is awaited: IndexedDB takes them while the next are packed.
        const puts: Promise<unknown>[] = [];
        const packed = new Map<string, PackedGeometry[]>();
        for (const { layer, content } of layers) {
          const geometries: (PackedGeometry | null)[] | undefined =
            whileCommitting && content.kind === 'parcels' ? [] : undefined;
          puts.push(
            this.db.layers.put({
              ...layer,
              featureCount: content.items.length,
              nextSeq: content.items.length,
            }),
            ...chunkPuts(this.db, layer.id, content, geometries),
          );
          // IndexedDB cloned each chunk in its put: the packed geometries can be handed on.
          if (geometries?.every((g) => g !== null)) packed.set(layer.id, geometries as PackedGeometry[]);
        }
        if (meta.length > 0) puts.push(this.db.meta.bulkPut(meta.map(({ key, value }) => ({ key, value }))));
        await Promise.all(puts);
        taken(packed);
      });
    } catch (error) {
      taken(null);
      // If the commit itself failed, the work ran meanwhile: it ends before the caller hears of it.
      await handOver;
      throw toStorageError(error);
    }
    await handOver;
  }

  async remove(id: string): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.layers, this.db.layerChunks, async () => {
        await this.db.chunksOfLayer(id).delete();
        await this.db.layers.delete(id);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async readFeatures(id: string): Promise<LayerFeature[]> {
    try {
      const chunks = await this.db.chunksOfLayer(id).toArray();
      const features: LayerFeature[] = [];
      for (const stored of chunks) {
        const chunk = decodeChunk(stored);
        if (chunk.kind === 'features') for (const item of chunk.items) features.push(item);
      }
      return features;
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
