import Dexie, { type Collection, type EntityTable, type IndexableTypeArrayReadonly, type Table } from 'dexie';
import type { ChangeEntry } from '../domain/change-entry';
import type { LayerFeature, LayerRecord } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import type { PatrolRecord, PhotoRecord } from '../domain/patrol';
import type { StoredChunk } from './chunk-codec';

/**
 * Bulk geometry is stored in chunks of CHUNK_SIZE features per IndexedDB record: IndexedDB's cost
 * is per record, not per byte (DESIGN.md: 100k one-parcel records take 9 s to write, 100 records of
 * 1,000 parcels 0.5 s). A parcel is found in chunk floor(seq / CHUNK_SIZE) of its layer.
 * ChunkRecord is a chunk as the repositories use it; the table stores it packed (chunk-codec.ts):
 * every read of `layerChunks` goes through decodeChunk, every write through encodeChunk.
 */
export const CHUNK_SIZE = 500;

export type ChunkRecord =
  | { layerId: string; index: number; kind: 'parcels'; items: ParcelRecord[] }
  | { layerId: string; index: number; kind: 'features'; items: LayerFeature[] };

export interface MetaRecord {
  key: string;
  value: unknown;
}

export interface DraftRecord {
  key: string;
  value: unknown;
  savedAt: string;
}

/** Every schema version the app ever shipped, oldest first. Never edit a released version: add one. */
export const SCHEMA_VERSIONS = [1, 2, 3, 4, 5] as const;
export const CURRENT_SCHEMA_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1] ?? 1;

export class LandstockDatabase extends Dexie {
  meta!: Table<MetaRecord, string>;
  settings!: Table<MetaRecord, string>;
  layers!: EntityTable<LayerRecord, 'id'>;
  /** Chunks by [layerId, index], a key given with each write (see v5): use chunkKey and chunksOfLayer. */
  layerChunks!: Table<StoredChunk, [string, number]>;
  changes!: EntityTable<ChangeEntry, 'id'>;
  drafts!: Table<DraftRecord, string>;
  patrols!: EntityTable<PatrolRecord, 'id'>;
  photos!: EntityTable<PhotoRecord, 'id'>;

  constructor(name = 'landstock') {
    super(name);
    // v1 (0.1.0): first release.
    this.version(1).stores({
      meta: 'key',
      settings: 'key',
      layers: 'id, role, order',
      chunks: '[layerId+index], layerId',
      changes: '++id, parcelId, at, [parcelId+at]',
      drafts: 'key',
    });
    // v2 (0.2.0): patrol records and their photos. New tables only: nothing to migrate.
    this.version(2).stores({
      patrols: 'id, parcelId, at, [parcelId+at]',
      photos: 'id, patrolId, parcelId',
    });
    // v3: chunks may be stored packed (chunk-codec.ts). Same stores and indexes, nothing to
    // migrate: older chunks are decoded as they are and packed when rewritten. The version is raised
    // so that an older build refuses this database (storage-newer-version) instead of reading
    // packed chunks as empty.
    this.version(3).stores({});
    // v4: packed chunks may hold their values packed (chunk-codec.ts PackedValues). Nothing to
    // migrate; raised for the same reason as v3: a v3 build would read those values as missing.
    this.version(4).stores({});
    // v5: the chunks move to `layerChunks`, keyed [layerId, index] out of line and with no index.
    // With a key path or an index, Chromium deserialises every value put to read its keys from the
    // clone (the spec's "clone, then evaluate the key path"): a county's import spent ~0.3 s of its
    // write building 200 chunks' strings and arrays only to read two fields. A key given with the
    // put needs no clone. A layer's chunks are the key range [layerId, -∞]…[layerId, +∞]
    // (chunksOfLayer), so the `layerId` index is not needed. Each stored chunk is copied as it is,
    // one at a time, under its key; an older build then refuses this database (storage-newer-version).
    this.version(5)
      .stores({ layerChunks: '', chunks: null })
      .upgrade(async (tx) => {
        const from = tx.table<StoredChunk, [string, number]>('chunks');
        const to = tx.table<StoredChunk, [string, number]>('layerChunks');
        for (const key of await from.toCollection().primaryKeys()) {
          const stored = await from.get(key);
          if (stored) await to.add(stored, key);
        }
      });
  }

  /** Stores chunks (already encoded) under their keys. */
  putChunks(chunks: readonly StoredChunk[]): Promise<unknown> {
    // Dexie types compound keys loosely: an array of [layerId, index] is what IndexedDB takes.
    return this.layerChunks.bulkPut(chunks, chunks.map(chunkKey) as unknown as IndexableTypeArrayReadonly);
  }

  /** A layer's chunks, in index order (their keys are [layerId, index]). */
  chunksOfLayer(layerId: string): Collection<StoredChunk, [string, number]> {
    return this.layerChunks
      .where(':id')
      .between([layerId, Dexie.minKey], [layerId, Dexie.maxKey], true, true);
  }
}

/** Where a chunk is stored in `layerChunks`. */
export function chunkKey(chunk: { layerId: string; index: number }): [string, number] {
  return [chunk.layerId, chunk.index];
}
