import type { PatrolRecord, PhotoRecord } from '../domain/patrol';
import type { PatrolRepository } from './repositories';
import type { LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

/** Patrol records and their photos; a patrol and its photos are written together or not at all. */
export class DexiePatrolRepository implements PatrolRepository {
  constructor(private readonly db: LandstockDatabase) {}

  async forParcel(parcelId: string): Promise<PatrolRecord[]> {
    try {
      const list = await this.db.patrols.where('parcelId').equals(parcelId).sortBy('at');
      return list.reverse();
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async add(patrol: PatrolRecord, photos: readonly PhotoRecord[]): Promise<void> {
    try {
      await this.db.transaction('rw', this.db.patrols, this.db.photos, async () => {
        await this.db.photos.bulkAdd([...photos]);
        await this.db.patrols.add(patrol);
      });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async photo(id: string): Promise<PhotoRecord | undefined> {
    try {
      return await this.db.photos.get(id);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async count(): Promise<{ patrols: number; photos: number }> {
    try {
      return { patrols: await this.db.patrols.count(), photos: await this.db.photos.count() };
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
