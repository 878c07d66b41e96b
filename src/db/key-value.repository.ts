import type { Table } from 'dexie';
import type { KeyValueRepository } from './repositories';
import type { MetaRecord } from './schema';
import { toStorageError } from './storage-errors';

/** Settings and app metadata: small values by key. */
export class DexieKeyValueRepository implements KeyValueRepository {
  constructor(private readonly table: Table<MetaRecord, string>) {}

  async get<T>(key: string): Promise<T | undefined> {
    try {
      return (await this.table.get(key))?.value as T | undefined;
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      // A count over the primary key reads no value (IDBObjectStore.count).
      return (await this.table.where(':id').equals(key).count()) > 0;
    } catch (error) {
      throw toStorageError(error);
    }
  }

  async set(key: string, value: unknown): Promise<void> {
    try {
      await this.table.put({ key, value });
    } catch (error) {
      throw toStorageError(error);
    }
  }
}
