import type { LayerContent, LayerFeature, LayerRecord, PreparedLayer } from '../domain/layer';
import { concatPacked, type PackedGeometry } from '../geo/packed-geometry';
import { decodeChunk, encodeChunk } from './chunk-codec';
import type { ImportLayersOptions, LayerRepository } from './repositories';
import { CHUNK_SIZE, type ChunkRecord, type LandstockDatabase } from './schema';
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
    puts.push(db.chunks.put(stored));
    geometries?.push(stored.kind === 'parcels-packed' ? stored.geometry : null);
  }
  return puts;
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
      await this.db.transaction('rw', this.db.layers, this.db.chunks, async () => {
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
    try {
      await this.db.transaction('rw', this.db.layers, this.db.chunks, this.db.meta, async () => {
        // Every put is issued before any is awaited, so that `whileWriting` runs while IndexedDB
        // writes them (in Chromium that work is done in the browser process).
        const puts: Promise<unknown>[] = [];
        const packed = new Map<string, PackedGeometry>();
        for (const { layer, content } of layers) {
          const geometries: (PackedGeometry | null)[] | undefined =
            options.whileWriting && content.kind === 'parcels' ? [] : undefined;
          puts.push(
            this.db.layers.put({
              ...layer,
              featureCount: content.items.length,
              nextSeq: content.items.length,
            }),
            ...chunkPuts(this.db, layer.id, content, geometries),
          );
          // IndexedDB cloned each chunk in its put: the packed geometries can be handed on.
          if (geometries?.every((g) => g !== null))
            packed.set(layer.id, concatPacked(geometries as PackedGeometry[]));
        }
        if (meta.length > 0) puts.push(this.db.meta.bulkPut(meta.map(({ key, value }) => ({ key, value }))));
        options.whileWriting?.(packed);
        await Promise.all(puts);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.layers, this.db.chunks, async () => {
        await this.db.chunks.where('layerId').equals(id).delete();
        await this.db.layers.delete(id);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async readFeatures(id: string): Promise<LayerFeature[]> {
    try {
      const chunks = await this.db.chunks.where('layerId').equals(id).sortBy('index');
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
