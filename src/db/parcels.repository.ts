import type { ChangeEntry } from '../domain/change-entry';
import { parcelId, parseFeatureId } from '../domain/layer';
import type { OverlayCheck, ParcelRecord } from '../domain/parcel';
import { AppError } from '../shared/errors';
import {
  decodeChunk,
  decodeMaybe,
  decodeParcelsForMap,
  encodeChunk,
  type ParcelsForMap,
  type StoredChunk,
} from './chunk-codec';
import type { ParcelRepository, ParcelWrite } from './repositories';
import { CHUNK_SIZE, type ChunkRecord, type LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

function locate(id: string): { layerId: string; seq: number; index: number } {
  const parsed = parseFeatureId(id);
  if (!parsed) throw new AppError('not-found', `Not a parcel id: ${id}`);
  return { ...parsed, index: Math.floor(parsed.seq / CHUNK_SIZE) };
}

function positionIn(chunk: ChunkRecord, id: string): number {
  return chunk.items.findIndex((item) => item.id === id);
}

/** Parcels live in chunks (schema.ts); a write rewrites the chunks it touches, in one transaction. */
export class DexieParcelRepository implements ParcelRepository {
  constructor(private readonly db: LandstockDatabase) {}

  async readLayer(layerId: string): Promise<ParcelRecord[]> {
    try {
      // Keys first, then one get per chunk: each chunk is deserialised in its own success event,
      // so a 100k-parcel layer is 200 short tasks on the UI thread instead of one of seconds.
      // In key order, [layerId, index]: the chunks in order.
      const keys = await this.db.chunksOfLayer(layerId).primaryKeys();
      const chunks = await this.db.layerChunks.bulkGet(keys);
      const records: ParcelRecord[] = [];
      for (const stored of chunks) {
        const chunk = decodeMaybe(stored);
        if (chunk?.kind === 'parcels') for (const item of chunk.items) records.push(item);
      }
      return records;
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async readLayerForMap(layerId: string): Promise<ParcelsForMap[]> {
    try {
      // In key order, [layerId, index]: the chunks in order.
      const keys = await this.db.chunksOfLayer(layerId).primaryKeys();
      const parts: ParcelsForMap[] = [];
      for (const stored of await this.db.layerChunks.bulkGet(keys)) {
        const part = decodeParcelsForMap(stored);
        if (part && part.records.length > 0) parts.push(part);
      }
      return parts;
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async get(id: string): Promise<ParcelRecord | undefined> {
    const { layerId, index } = locate(id);
    try {
      const chunk = decodeMaybe(await this.db.layerChunks.get([layerId, index]));
      if (chunk?.kind !== 'parcels') return undefined;
      return chunk.items.find((item) => item.id === id);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async getMany(ids: readonly string[]): Promise<ParcelRecord[]> {
    const wanted = new Map<string, Set<string>>();
    for (const id of ids) {
      const { layerId, index } = locate(id);
      const key = JSON.stringify([layerId, index]);
      const set = wanted.get(key) ?? new Set<string>();
      set.add(id);
      wanted.set(key, set);
    }
    try {
      const keys = [...wanted.keys()].map((k) => JSON.parse(k) as [string, number]);
      const chunks = await this.db.layerChunks.bulkGet(keys);
      const found: ParcelRecord[] = [];
      chunks.forEach((stored, i) => {
        const chunk = decodeMaybe(stored);
        const set = wanted.get(JSON.stringify(keys[i]));
        if (chunk?.kind !== 'parcels' || !set) return;
        for (const item of chunk.items) if (set.has(item.id)) found.push(item);
      });
      return found;
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async write(writes: ParcelWrite[], changes: ChangeEntry[]): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.layerChunks, this.db.changes, this.db.layers, async () => {
        const touched = new Map<string, ChunkRecord>();
        for (const { record, expectedVersion } of writes) {
          const { layerId, index } = locate(record.id);
          const key = `${layerId}#${index}`;
          let chunk = touched.get(key) ?? decodeMaybe(await this.db.layerChunks.get([layerId, index]));
          if (!chunk) {
            if (expectedVersion !== null)
              throw new AppError('not-found', `Parcel ${record.id} no longer exists.`);
            chunk = { layerId, index, kind: 'parcels', items: [] };
          }
          if (chunk.kind !== 'parcels') throw new AppError('internal', `Layer ${layerId} holds no parcels.`);
          const at = positionIn(chunk, record.id);
          const stored = at >= 0 ? chunk.items[at] : undefined;
          if ((stored?.version ?? null) !== expectedVersion) {
            throw new AppError(
              'edit-conflict',
              `Parcel ${record.id} was changed elsewhere (another tab?) since it was opened; reload it and try again.`,
              { parcelId: record.id },
            );
          }
          const items = chunk.items.slice();
          if (at >= 0) items[at] = record;
          else items.push(record);
          chunk = { ...chunk, items };
          touched.set(key, chunk);
          if (expectedVersion === null) {
            const layer = await this.db.layers.get(layerId);
            if (!layer) throw new AppError('not-found', `Layer ${layerId} no longer exists.`);
            await this.db.layers.update(layerId, { featureCount: layer.featureCount + 1 });
          }
        }
        await this.db.putChunks([...touched.values()].map(encodeChunk));
        if (changes.length > 0) await this.db.changes.bulkAdd(changes);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async updateOverlays(layerId: string, checks: ReadonlyMap<string, OverlayCheck[]>): Promise<void> {
    await this.mapLayer(layerId, (item) => ({ ...item, overlay: checks.get(item.id) ?? item.overlay }));
  }

  async rewriteLayer(layerId: string, records: readonly ParcelRecord[]): Promise<void> {
    const byId = new Map(records.map((r) => [r.id, r]));
    await this.mapLayer(layerId, (item) => byId.get(item.id) ?? item);
  }

  /** Rewrites every parcel of a layer through `change`, all chunks in one transaction. */
  private async mapLayer(layerId: string, change: (item: ParcelRecord) => ParcelRecord): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.layerChunks, async () => {
        const chunks = await this.db.chunksOfLayer(layerId).toArray();
        const changed: StoredChunk[] = [];
        for (const stored of chunks) {
          const chunk = decodeChunk(stored);
          if (chunk.kind === 'parcels')
            changed.push(encodeChunk({ ...chunk, items: chunk.items.map(change) }));
        }
        await this.db.putChunks(changed);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async replace(
    writes: ParcelWrite[],
    removals: readonly { id: string; expectedVersion: number }[],
    changes: ChangeEntry[],
  ): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.layerChunks, this.db.changes, this.db.layers, async () => {
        for (const { id, expectedVersion } of removals) {
          const { layerId, index } = locate(id);
          const chunk = decodeMaybe(await this.db.layerChunks.get([layerId, index]));
          const stored = chunk?.kind === 'parcels' ? chunk.items.find((item) => item.id === id) : undefined;
          if (chunk?.kind !== 'parcels' || !stored)
            throw new AppError('not-found', `Parcel ${id} no longer exists.`);
          if (stored.version !== expectedVersion)
            throw new AppError(
              'edit-conflict',
              `Parcel ${id} was changed elsewhere (another tab?) since it was opened; reload it and try again.`,
              { parcelId: id },
            );
          await this.db.putChunks([
            encodeChunk({ ...chunk, items: chunk.items.filter((item) => item.id !== id) }),
          ]);
          const layer = await this.db.layers.get(layerId);
          if (layer)
            await this.db.layers.update(layerId, { featureCount: Math.max(0, layer.featureCount - 1) });
        }
        // Nested: runs inside this transaction, so a refused write undoes the removals too.
        await this.write(writes, changes);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async nextId(layerId: string): Promise<string> {
    try {
      return await this.db.transaction('rw', this.db.layers, async () => {
        const layer = await this.db.layers.get(layerId);
        if (!layer) throw new AppError('not-found', `Layer ${layerId} no longer exists.`);
        await this.db.layers.update(layerId, { nextSeq: layer.nextSeq + 1 });
        return parcelId(layerId, layer.nextSeq);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async remove(id: string, changes: ChangeEntry[]): Promise<void> {
    const { layerId, index } = locate(id);
    try {
      await this.db.transaction('rw', this.db.layerChunks, this.db.changes, this.db.layers, async () => {
        const chunk = decodeMaybe(await this.db.layerChunks.get([layerId, index]));
        if (chunk?.kind !== 'parcels') return;
        const items = chunk.items.filter((item) => item.id !== id);
        if (items.length === chunk.items.length) return;
        await this.db.putChunks([encodeChunk({ ...chunk, items })]);
        const layer = await this.db.layers.get(layerId);
        if (layer)
          await this.db.layers.update(layerId, { featureCount: Math.max(0, layer.featureCount - 1) });
        if (changes.length > 0) await this.db.changes.bulkAdd(changes);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
