import type { DraftRepository } from './repositories';
import type { LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

/** Unsaved input (typed notes, half-drawn shapes) kept across reloads and crashes. */
export class DexieDraftRepository implements DraftRepository {
  constructor(private readonly db: LandstockDatabase) {}

  async get<T>(key: string): Promise<T | undefined> {
    try {
      return (await this.db.drafts.get(key))?.value as T | undefined;
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async set(key: string, value: unknown, savedAt: string): Promise<void> {
    try {
      await this.db.drafts.put({ key, value, savedAt });
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async remove(key: string): Promise<void> {
    try {
      await this.db.drafts.delete(key);
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async keys(): Promise<string[]> {
    try {
      return (await this.db.drafts.toCollection().primaryKeys()) as string[];
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
