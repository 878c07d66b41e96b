/**
 * The offline basemap: one local PMTiles archive the user picked, kept on the device (the origin
 * private file system, app/offline-basemap-service.ts) and drawn under our layers with no network.
 */
import type { PmtilesInfo } from '../io/pmtiles.reader';
import { toAppError } from '../shared/errors';

export type { BasemapTileType, PmtilesInfo, PmtilesProblem } from '../io/pmtiles.reader';

export interface OfflineBasemap extends PmtilesInfo {
  /** The picked file's name and size in bytes. */
  name: string;
  size: number;
  /** The archive's URL for the map (`pmtiles://…`, served by the registered protocol, no network). */
  url: string;
  /** device: stored and used at the next start; session: this browser cannot store it (kept in memory). */
  kept: 'device' | 'session';
}

/** Storing and serving the archive (app/offline-basemap-service.ts). */
export interface OfflineBasemapService {
  /** The stored archive, ready for the map; null when there is none. Throws when it became unreadable. */
  load(): Promise<OfflineBasemap | null>;
  /** Validates, stores and serves a file; a refused file throws and changes nothing. */
  save(file: File): Promise<OfflineBasemap>;
  remove(): Promise<void>;
}

export interface BasemapState {
  offlineBasemap: OfflineBasemap | null;
  /** A file is being checked and stored. */
  offlineBasemapBusy: boolean;
}

export interface BasemapActions {
  /** At start: serves the stored archive, if any (a lost one is reported, never fatal). */
  loadOfflineBasemap(): Promise<void>;
  /** Checks and stores a picked file, then the map uses it; a refused file throws and changes nothing. */
  setOfflineBasemap(file: File): Promise<void>;
  removeOfflineBasemap(): Promise<void>;
}

interface Context {
  service: OfflineBasemapService | undefined;
  set(partial: Partial<BasemapState>): void;
  pushToast(toast: { kind: 'info' | 'error'; message: string; details?: Record<string, string> }): void;
}

export function createBasemapSlice({ service, set, pushToast }: Context): BasemapState & BasemapActions {
  return {
    offlineBasemap: null,
    offlineBasemapBusy: false,

    async loadOfflineBasemap() {
      if (!service) return;
      try {
        set({ offlineBasemap: await service.load() });
      } catch (error) {
        pushToast({
          kind: 'error',
          message: 'offlineBasemapLost',
          details: { text: toAppError(error).message },
        });
      }
    },

    async setOfflineBasemap(file) {
      if (!service) throw toAppError('Offline basemaps are not available here', 'file-unsupported');
      set({ offlineBasemapBusy: true });
      try {
        set({ offlineBasemap: await service.save(file) });
      } finally {
        set({ offlineBasemapBusy: false });
      }
    },

    async removeOfflineBasemap() {
      // The map drops the source first, so no tile is asked of an archive that is gone.
      set({ offlineBasemap: null });
      await service?.remove();
    },
  };
}
