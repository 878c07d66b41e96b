import { openDatabase } from '../db/open-database';
import { parseTileHosts } from '../shared/csp';
import { AppError } from '../shared/errors';
import type { AppStore } from '../store/app-store';
import { createAppStore } from '../store/app-store';
import { loadDemoLayers } from './demo-source';
import { createExportService } from './export-service';
import { createImportSessions, startImportSession } from './import-service';
import { createMapTilesService } from './map-tiles-service';
import { createOfflineBasemapService } from './offline-basemap-service';
import { createOverlayService } from './overlay-service';
import { createPhotoService } from './photo-service';
import { updateService } from './pwa';
import { createRedecodeService } from './redecode-service';
import { createReportsService } from './reports-service';
import { createStorageService } from './storage-service';
import { createBroadcastSync } from './sync-service';

/** The app's IndexedDB database (the reports worker opens it too). */
const DATABASE_NAME = 'landstock';

/** Open db → create the store → (caller renders) → hydrate. The only place layers are wired. */
export async function createApp(): Promise<AppStore> {
  try {
    const opened = await openDatabase(DATABASE_NAME);
    const mapTiles = createMapTilesService(DATABASE_NAME);
    let booted: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      booted = resolve;
    });
    // The import hands the layers it writes to the map's worker (no read back after the commit).
    // Its spare worker reads the control layers ahead, once the boot has stored the demo's.
    const imports = createImportSessions(DATABASE_NAME, mapTiles.staging, undefined, undefined, ready);
    const store = createAppStore({
      repositories: opened.repositories,
      services: {
        loadDemoLayers: () => loadDemoLayers(new Date()),
        now: () => new Date(),
        overlay: createOverlayService(),
        startImport: imports.start,
        expectImport: imports.expect,
        redecodeLayer: createRedecodeService(DATABASE_NAME),
        exports: createExportService(DATABASE_NAME),
        reports: createReportsService(DATABASE_NAME),
        mapTiles,
        storage: createStorageService(),
        updates: updateService,
        tileHosts: parseTileHosts(import.meta.env.VITE_TILE_HOSTS),
        photos: createPhotoService(),
        offlineBasemap: createOfflineBasemapService(),
        sync: createBroadcastSync(),
      },
    });
    const unsubscribe = store.subscribe((state) => {
      if (state.phase === 'booting') return;
      unsubscribe();
      booted();
    });
    opened.onVersionChange((deleted) =>
      store.setState({
        banner: deleted
          ? new AppError(
              'storage-deleted',
              'The database was deleted (site data cleared) while the app was open.',
            )
          : new AppError('storage-version-changed', 'The database was upgraded by another tab.'),
      }),
    );
    return store;
  } catch (error) {
    // Storage unusable (private mode, blocked): a store whose boot reports the failure.
    const failing = createAppStore({
      repositories: unavailableRepositories(error),
      services: {
        loadDemoLayers: async () => [],
        now: () => new Date(),
        overlay: createOverlayService(),
        startImport: startImportSession,
        storage: createStorageService(),
        updates: updateService,
        tileHosts: parseTileHosts(import.meta.env.VITE_TILE_HOSTS),
      },
    });
    return failing;
  }
}

function unavailableRepositories(cause: unknown): Parameters<typeof createAppStore>[0]['repositories'] {
  const fail = async (): Promise<never> => {
    throw cause;
  };
  return {
    layers: {
      list: fail,
      update: fail,
      importLayer: fail,
      importLayers: fail,
      remove: fail,
      readFeatures: fail,
    },
    parcels: {
      readLayer: fail,
      readLayerForMap: fail,
      get: fail,
      getMany: fail,
      write: fail,
      replace: fail,
      nextId: fail,
      remove: fail,
      updateOverlays: fail,
      rewriteLayer: fail,
    },
    changes: { forParcel: fail, all: fail },
    settings: { get: fail, has: fail, set: fail },
    meta: { get: fail, has: fail, set: fail },
    patrols: { forParcel: fail, add: fail, photo: fail, count: fail },
    drafts: { get: fail, set: fail, remove: fail, keys: fail },
    clearAll: fail,
  };
}
