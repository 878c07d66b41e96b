import type { StorageService } from '../store/system-slice';

/**
 * navigator.storage for the store: persistence (so the browser does not evict the site's
 * IndexedDB under storage pressure, RELIABILITY.md §0.11) and the usage/quota estimate.
 * Every method answers null where the API is missing (older Safari, some WebViews).
 */
export function createStorageService(
  storage: StorageManager | undefined = navigator.storage,
): StorageService {
  return {
    async persist() {
      if (typeof storage?.persist !== 'function') return null;
      return storage.persist();
    },
    async persisted() {
      if (typeof storage?.persisted !== 'function') return null;
      return storage.persisted();
    },
    async estimate() {
      if (typeof storage?.estimate !== 'function') return null;
      const { usage, quota } = await storage.estimate();
      return usage === undefined || quota === undefined ? null : { usage, quota };
    },
  };
}
