import type { ChangeEntry } from '../domain/change-entry';
import type { ChangeRepository } from './repositories';
import type { LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

/** The change log: read side only; entries are written by the parcel repository in the same transaction. */
export class DexieChangeRepository implements ChangeRepository {
  constructor(private readonly db: LandstockDatabase) {}

  async forParcel(parcelId: string): Promise<ChangeEntry[]> {
    try {
      return await this.db.changes.where('parcelId').equals(parcelId).sortBy('id');
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async all(): Promise<ChangeEntry[]> {
    try {
      return await this.db.changes.toArray();
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
