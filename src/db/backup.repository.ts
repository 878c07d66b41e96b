import type { Table } from 'dexie';
import type { ChangeEntry } from '../domain/change-entry';
import type { LayerFeature, LayerRecord } from '../domain/layer';
import { parseFeatureId } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import { decodeChunk, decodeMaybe, encodeChunk } from './chunk-codec';
import type { BackupRepository, StoredSnapshot } from './repositories';
import { CHUNK_SIZE, type ChunkRecord, type LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

/** Photo metadata the backup format has no place for: kept on the patrol row under this key. */
const PHOTO_META = '__photoMeta';

interface PhotoRow {
  id: string;
  type: string;
  blob?: Blob;
  bytes?: Uint8Array;
  patrolId?: string;
  parcelId?: string;
  width?: number;
  height?: number;
  name?: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The whole database at once: read for a backup, written for a restore or a merge. Works with and
 * without the patrol tables (schema v2): they are read and written only when this database has them.
 */
export class DexieBackupRepository implements BackupRepository {
  constructor(private readonly db: LandstockDatabase) {}

  private optionalTable(name: string): Table<Record<string, unknown>, string> | undefined {
    return this.db.tables.some((t) => t.name === name)
      ? (this.db.table(name) as Table<Record<string, unknown>, string>)
      : undefined;
  }

  async dump(): Promise<StoredSnapshot> {
    try {
      const patrolsTable = this.optionalTable('patrols');
      const photosTable = this.optionalTable('photos');
      const tables = [
        this.db.layers,
        this.db.layerChunks,
        this.db.changes,
        this.db.settings,
        ...(patrolsTable ? [patrolsTable] : []),
        ...(photosTable ? [photosTable] : []),
      ];
      const read = await this.db.transaction('r', tables, async () => ({
        layers: await this.db.layers.orderBy('order').toArray(),
        chunks: await this.db.layerChunks.toArray(),
        changes: await this.db.changes.toArray(),
        settings: await this.db.settings.toArray(),
        patrols: patrolsTable ? await patrolsTable.toArray() : [],
        photos: photosTable ? ((await photosTable.toArray()) as unknown as PhotoRow[]) : [],
      }));
      const parcels: ParcelRecord[] = [];
      const features: LayerFeature[] = [];
      read.chunks.sort((a, b) =>
        a.layerId === b.layerId ? a.index - b.index : a.layerId < b.layerId ? -1 : 1,
      );
      for (const stored of read.chunks) {
        const chunk = decodeChunk(stored);
        if (chunk.kind === 'parcels') for (const item of chunk.items) parcels.push(item);
        else for (const item of chunk.items) features.push(item);
      }
      const meta = new Map<string, Record<string, unknown>>();
      const photos: StoredSnapshot['photos'] = [];
      for (const photo of read.photos) {
        const bytes =
          photo.bytes ?? (photo.blob ? new Uint8Array(await photo.blob.arrayBuffer()) : undefined);
        if (!bytes) continue;
        photos.push({ id: photo.id, type: photo.type, bytes });
        if (photo.patrolId) {
          const forPatrol = meta.get(photo.patrolId) ?? {};
          forPatrol[photo.id] = {
            parcelId: photo.parcelId,
            width: photo.width,
            height: photo.height,
            name: photo.name,
          };
          meta.set(photo.patrolId, forPatrol);
        }
      }
      const patrols = read.patrols.map((p) => {
        const photoMeta = meta.get(String(p.id));
        return photoMeta ? { ...p, [PHOTO_META]: photoMeta } : p;
      });
      return {
        layers: read.layers,
        parcels,
        features,
        changes: read.changes,
        settings: read.settings.map((s) => ({ key: s.key, value: s.value })),
        patrols,
        photos,
      };
    } catch (error) {
      throw toStorageError(error);
    }
  }

  restore(data: StoredSnapshot): Promise<void> {
    return this.apply(data);
  }

  mergeIncoming(layers: LayerRecord[], parcels: ParcelRecord[], changes: ChangeEntry[]): Promise<void> {
    return this.apply({ layers, parcels, features: [], changes, settings: [], patrols: [], photos: [] });
  }

  /**
   * One transaction: layers added (kept when present, their counters raised), parcels and features
   * put into their chunks by id (replacing the same id, adding new ones), change entries appended
   * (the caller passes only those not stored yet), settings put, patrols and photos put by id.
   * Nothing stored only here is deleted.
   */
  private async apply(data: StoredSnapshot): Promise<void> {
    const patrolsTable = data.patrols.length > 0 ? this.optionalTable('patrols') : undefined;
    const photosTable = data.photos.length > 0 ? this.optionalTable('photos') : undefined;
    const tables = [
      this.db.layers,
      this.db.layerChunks,
      this.db.changes,
      this.db.settings,
      ...(patrolsTable ? [patrolsTable] : []),
      ...(photosTable ? [photosTable] : []),
    ];
    try {
      await this.db.transaction('rw', tables, async () => {
        const layers = new Map((await this.db.layers.toArray()).map((l) => [l.id, l]));
        for (const layer of data.layers)
          if (!layers.has(layer.id)) layers.set(layer.id, { ...layer, featureCount: 0 });
        const touched = new Map<string, ChunkRecord>();
        const added = new Map<string, { count: number; maxSeq: number }>();
        const note = (layerId: string, seq: number, isNew: boolean) => {
          const entry = added.get(layerId) ?? { count: 0, maxSeq: -1 };
          if (isNew) entry.count++;
          entry.maxSeq = Math.max(entry.maxSeq, seq);
          added.set(layerId, entry);
        };
        for (const parcel of data.parcels) {
          const parsed = parseFeatureId(parcel.id);
          if (!parsed) continue;
          // Inline reads (no async helper): Dexie keeps the transaction only across its own promises.
          const index = Math.floor(parsed.seq / CHUNK_SIZE);
          const key = `${parsed.layerId}\u0000${index}`;
          const chunk = touched.get(key) ??
            decodeMaybe(await this.db.layerChunks.get([parsed.layerId, index])) ?? {
              layerId: parsed.layerId,
              index,
              kind: 'parcels',
              items: [],
            };
          touched.set(key, chunk);
          if (chunk.kind !== 'parcels') continue;
          const at = chunk.items.findIndex((item) => item.id === parcel.id);
          if (at >= 0) chunk.items[at] = parcel;
          else chunk.items.push(parcel);
          note(parsed.layerId, parsed.seq, at < 0);
        }
        // Feature chunks are filled in order (not by sequence): a missing feature goes after the last.
        const featureIds = new Map<string, Set<string>>();
        for (const feature of data.features) {
          const parsed = parseFeatureId(feature.id);
          if (!parsed) continue;
          let ids = featureIds.get(parsed.layerId);
          if (!ids) {
            const stored = await this.db.chunksOfLayer(parsed.layerId).toArray();
            ids = new Set(stored.flatMap((c) => decodeChunk(c).items.map((item) => item.id)));
            featureIds.set(parsed.layerId, ids);
          }
          if (ids.has(feature.id)) continue;
          ids.add(feature.id);
          const count = ids.size - 1;
          const index = Math.floor(count / CHUNK_SIZE);
          const key = `${parsed.layerId}\u0000${index}`;
          const chunk = touched.get(key) ??
            decodeMaybe(await this.db.layerChunks.get([parsed.layerId, index])) ?? {
              layerId: parsed.layerId,
              index,
              kind: 'features',
              items: [],
            };
          touched.set(key, chunk);
          if (chunk.kind === 'features') chunk.items.push(feature);
          note(parsed.layerId, parsed.seq, true);
        }
        for (const [layerId, { count, maxSeq }] of added) {
          const layer = layers.get(layerId);
          if (!layer) continue;
          layer.featureCount += count;
          layer.nextSeq = Math.max(layer.nextSeq, maxSeq + 1);
        }
        await this.db.layers.bulkPut([...layers.values()]);
        await this.db.putChunks([...touched.values()].map(encodeChunk));
        if (data.changes.length > 0)
          await this.db.changes.bulkAdd(data.changes.map(({ id: _id, ...change }) => change as ChangeEntry));
        if (data.settings.length > 0) await this.db.settings.bulkPut(data.settings);
        if (patrolsTable) {
          await patrolsTable.bulkPut(
            data.patrols.map((p) => {
              const { [PHOTO_META]: _meta, ...rest } = p;
              return rest;
            }),
          );
        }
        if (photosTable) {
          const meta = new Map<string, Record<string, unknown>>();
          for (const patrol of data.patrols) {
            const forPatrol = patrol[PHOTO_META];
            if (!isObject(forPatrol)) continue;
            for (const [photoId, value] of Object.entries(forPatrol))
              if (isObject(value)) meta.set(photoId, { patrolId: patrol.id, ...value });
          }
          await photosTable.bulkPut(
            data.photos.map((photo) => ({
              ...meta.get(photo.id),
              id: photo.id,
              type: photo.type,
              blob: new Blob([photo.bytes as BlobPart], { type: photo.type }),
            })),
          );
        }
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
