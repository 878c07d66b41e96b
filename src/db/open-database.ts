import Dexie from 'dexie';
import { AppError } from '../shared/errors';
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
export async function openDatabase(
  name = 'landstock',
  /** The schema class; tests of upgrade failures pass a subclass with an extra version. */
  createSchema: (name: string) => LandstockDatabase = (n) => new LandstockDatabase(n),
): Promise<OpenedDatabase> {
  const db = createSchema(name);
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
    throw await openFailure(name, db.verno, error);
  }
  // Dexie 4 opens a database of a newer schema (another tab or a rolled-back build upgraded it)
  // and would write records without that schema's fields (RELIABILITY.md 45): refuse instead.
  const installed = Math.floor(db.backendDB().version / 10);
  if (installed > db.verno) {
    db.close({ disableAutoOpen: true });
    throw new AppError(
      'storage-newer-version',
      `The database was written by a newer version of Landstock (schema ${installed}; this page knows ${db.verno}).`,
      { installed, supported: db.verno },
    );
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
        const tables = [db.layers, db.layerChunks, db.changes, db.meta, db.patrols, db.photos, db.drafts];
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

/**
 * Why the database would not open. An upgrader that throws aborts the upgrade transaction, so the
 * stored database stays at its old version with all its data (RELIABILITY.md test 31): say so
 * rather than the raw error, so the user neither clears site data nor retries blindly.
 */
async function openFailure(name: string, target: number, error: unknown): Promise<AppError> {
  const mapped = toStorageError(error);
  if (mapped.code !== 'internal') return mapped;
  const stored = await storedVersion(name);
  if (stored !== undefined && stored < target) {
    return new AppError(
      'storage-upgrade-failed',
      `Upgrading the database from version ${stored} to ${target} failed; it was left unchanged.`,
      { from: stored, to: target, text: mapped.message },
      error,
    );
  }
  return mapped;
}

/** The schema version the database is stored at, opened without a schema (Dexie's dynamic mode). */
async function storedVersion(name: string): Promise<number | undefined> {
  const probe = new Dexie(name);
  try {
    await probe.open();
    return probe.verno;
  } catch {
    return undefined;
  } finally {
    probe.close();
  }
}
