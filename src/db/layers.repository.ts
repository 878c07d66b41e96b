import type {
  LayerContent,
  LayerFeature,
  LayerRecord,
  PreparedLayer,
  StreamedParcelLayer,
} from '../domain/layer';
import { decodeChunk, encodeChunk, releaseChunk } from './chunk-codec';
import type { ImportLayersOptions, LayerRepository } from './repositories';
import { CHUNK_SIZE, type ChunkRecord, chunkKey, type LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

/**
 * Puts one chunk, packed right before its put, and returns the put. IndexedDB has cloned the value
 * when put returns: a parcel chunk then goes to `onParcelChunk`, and the packed form's arrays are
 * freed (releaseChunk), so that the next chunk's reuse their memory.
 */
function putChunk(
  db: LandstockDatabase,
  chunk: ChunkRecord,
  onParcelChunk?: ImportLayersOptions['onParcelChunk'],
): Promise<unknown> {
  const stored = encodeChunk(chunk);
  const put = db.layerChunks.put(stored, chunkKey(stored));
  if (chunk.kind === 'parcels')
    onParcelChunk?.(chunk.layerId, chunk.items, stored.kind === 'parcels-packed' ? stored.geometry : null);
  releaseChunk(stored);
  return put;
}

/**
 * The puts of a layer's content in chunks, issued at once inside the caller's transaction (IndexedDB
 * work only: packing is synchronous). A streamed parcel layer's chunks are made as they are taken.
 * Each parcel chunk goes to `onParcelChunk` right after its put. Returns the puts and the number of
 * items stored.
 */
function contentPuts(
  db: LandstockDatabase,
  layerId: string,
  prepared: PreparedLayer | StreamedParcelLayer,
  onParcelChunk?: ImportLayersOptions['onParcelChunk'],
): { puts: Promise<unknown>[]; count: number } {
  const puts: Promise<unknown>[] = [];
  let count = 0;
  const put = (chunk: ChunkRecord): void => {
    puts.push(putChunk(db, chunk, onParcelChunk));
  };
  if ('chunks' in prepared) {
    for (const items of prepared.chunks(CHUNK_SIZE)) {
      // A short chunk before the last would put later parcels in the wrong chunk for their ids.
      if (count % CHUNK_SIZE !== 0 || items.length === 0 || items.length > CHUNK_SIZE)
        throw new Error(
          `importLayers: layer ${layerId} came in chunks that are not ${CHUNK_SIZE} parcels each.`,
        );
      put({ layerId, index: count / CHUNK_SIZE, kind: 'parcels', items });
      count += items.length;
    }
    return { puts, count };
  }
  const { content } = prepared;
  for (let start = 0, index = 0; start < content.items.length; start += CHUNK_SIZE, index++) {
    put(
      content.kind === 'parcels'
        ? { layerId, index, kind: 'parcels', items: content.items.slice(start, start + CHUNK_SIZE) }
        : { layerId, index, kind: 'features', items: content.items.slice(start, start + CHUNK_SIZE) },
    );
  }
  return { puts, count: content.items.length };
}

/**
 * Runs `work` once every put of an import has been taken (`taken` false: the transaction failed
 * before), in a task of its own. The transaction commits when the task of the last put's reply ends
 * with no request pending, so the work overlaps the commit instead of delaying it, as it did when it
 * ran between the puts and their replies.
 */
async function runWhileCommitting(taken: Promise<boolean>, work: () => void): Promise<void> {
  if (!(await taken)) return;
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    work();
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
        const { puts, count } = contentPuts(this.db, layer.id, { layer, content });
        await this.db.layers.put({ ...layer, featureCount: count, nextSeq: count });
        await Promise.all(puts);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async importLayers(
    layers: readonly (PreparedLayer | StreamedParcelLayer)[],
    meta: readonly { key: string; value: unknown }[] = [],
    options: ImportLayersOptions = {},
  ): Promise<void> {
    let taken: (all: boolean) => void = () => {};
    const allTaken = new Promise<boolean>((resolve) => {
      taken = resolve;
    });
    const { whileCommitting, onParcelChunk } = options;
    const handOver = whileCommitting ? runWhileCommitting(allTaken, whileCommitting) : Promise.resolve();
    try {
      // A transaction of this thread whose last reply came in the current task (the caller's read of
      // the control layers, Dexie's own on opening) commits only when the task ends, and until then
      // it holds back this write's puts in the browser: they would all be stored only after the
      // packing (~0.35 s at 100k in Chromium). Starting in a task of its own lets the browser store
      // each chunk while the next is packed.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await this.db.transaction('rw', this.db.layers, this.db.layerChunks, this.db.meta, async () => {
        // Every put is issued before any is awaited: IndexedDB takes them while the next are packed
        // (and, for a streamed layer, made). A layer's record follows its chunks: a streamed layer's
        // count is known only then.
        const puts: Promise<unknown>[] = [];
        for (const prepared of layers) {
          const content = contentPuts(this.db, prepared.layer.id, prepared, onParcelChunk);
          puts.push(
            ...content.puts,
            this.db.layers.put({ ...prepared.layer, featureCount: content.count, nextSeq: content.count }),
          );
        }
        if (meta.length > 0) puts.push(this.db.meta.bulkPut(meta.map(({ key, value }) => ({ key, value }))));
        await Promise.all(puts);
        taken(true);
      });
    } catch (error) {
      taken(false);
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
