import { DexieBackupRepository } from './backup.repository';
import { DexieChangeRepository } from './changes.repository';
import { DexieDraftRepository } from './drafts.repository';
import { DexieKeyValueRepository } from './key-value.repository';
import { DexieLayerRepository } from './layers.repository';
import { DexieParcelRepository } from './parcels.repository';
import { DexiePatrolRepository } from './patrols.repository';
import type { Repositories } from './repositories';
import { LandstockDatabase } from './schema';
import { toStorageError } from './storage-errors';

export interface OpenedDatabase {
  repositories: Repositories;
  /**
   * Called when another tab upgrades the schema or the database is deleted (`deleted`: "clear site
   * data", `indexedDB.deleteDatabase`): this tab must stop writing and ask for a reload.
   */
  onVersionChange(listener: (deleted: boolean) => void): void;
  close(): void;
}

/**
 * Opens the database and builds the repositories. When another tab opens a newer schema, this
 * connection closes itself and stays closed (RELIABILITY.md §0.10: Dexie would otherwise reopen
 * silently on the next write and store records without the new version's fields).
 */
export async function openDatabase(name = 'landstock'): Promise<OpenedDatabase> {
  const db = new LandstockDatabase(name);
  const listeners: Array<(deleted: boolean) => void> = [];
  db.on('versionchange', (event: IDBVersionChangeEvent) => {
    // Closed for good: never silently recreate an empty database (deleted) or write old-shape records.
    db.close({ disableAutoOpen: true });
    for (const listener of listeners) listener(event.newVersion === null);
    return false;
  });
  try {
    await db.open();
  } catch (error) {
    throw toStorageError(error);
  }
  const repositories: Repositories = {
    layers: new DexieLayerRepository(db),
    parcels: new DexieParcelRepository(db),
    changes: new DexieChangeRepository(db),
    settings: new DexieKeyValueRepository(db.settings),
    meta: new DexieKeyValueRepository(db.meta),
    backup: new DexieBackupRepository(db),
    patrols: new DexiePatrolRepository(db),
    drafts: new DexieDraftRepository(db),
    async clearAll() {
      try {
        const tables = [db.layers, db.chunks, db.changes, db.meta, db.patrols, db.photos, db.drafts];
        await db.transaction('rw', tables, async () => {
          await Promise.all(tables.map((table) => table.clear()));
        });
      } catch (error) {
        throw toStorageError(error);
      }
    },
  };
  return {
    repositories,
    onVersionChange: (listener) => listeners.push(listener),
    close: () => db.close(),
  };
}
