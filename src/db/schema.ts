import Dexie, { type EntityTable, type Table } from 'dexie';
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
 * every read of `chunks` goes through decodeChunk, every write through encodeChunk.
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
export const SCHEMA_VERSIONS = [1, 2, 3, 4] as const;
export const CURRENT_SCHEMA_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1] ?? 1;

export class LandstockDatabase extends Dexie {
  meta!: Table<MetaRecord, string>;
  settings!: Table<MetaRecord, string>;
  layers!: EntityTable<LayerRecord, 'id'>;
  chunks!: Table<StoredChunk, [string, number]>;
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
  }
}
