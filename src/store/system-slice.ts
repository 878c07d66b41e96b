/**
 * The app's relation to the browser: storage persistence and quota, and app updates (a new
 * service worker waiting). The browser APIs stay in app/ behind the two small services below.
 */

/** What the browser says about this site's storage. */
export interface StorageInfo {
  /** Bytes used by this site (the browser's estimate); null when it cannot say. */
  usage: number | null;
  /** Bytes this site may use (the browser's estimate); null when it cannot say. */
  quota: number | null;
  /** Persistence: granted, refused (data may be evicted under pressure), or null (no such API). */
  persisted: boolean | null;
}

/** navigator.storage behind an interface (app/storage-service.ts; stubs in tests). */
export interface StorageService {
  /** Asks for persistent storage once; the browser grants or refuses without asking the user (Chrome). */
  persist(): Promise<boolean | null>;
  persisted(): Promise<boolean | null>;
  estimate(): Promise<{ usage: number; quota: number } | null>;
}

/** The service worker update behind an interface (app/pwa.ts). */
export interface UpdateService {
  /** Activates the waiting version; the page reloads once the new version controls it. */
  apply(): void;
}

/** none: up to date · waiting: a new version is ready · declined: later · applying: reloading. */
/** `failed`: a new version was found but did not install (a file of it failed to download); this one keeps running. */
export type UpdateStatus = 'none' | 'waiting' | 'declined' | 'applying' | 'failed';

export interface SystemState {
  storageInfo: StorageInfo | null;
  /** The "data may be cleared" notice was dismissed (this session). */
  storageNoticeDismissed: boolean;
  updateStatus: UpdateStatus;
}

export interface SystemActions {
  /**
   * Registers a check for unsaved input (a half-typed note, a half-drawn shape); updates wait
   * while any check says true. Returns the function that unregisters it.
   */
  registerUnsavedInput(check: () => boolean): () => void;
  /** Whether the user has input that a reload would lose (an open import counts). */
  hasUnsavedInput(): boolean;
  /** Reads persistence and the quota estimate; with `ask`, first asks for persistence if not granted. */
  checkStorage(options?: { ask?: boolean }): Promise<void>;
  dismissStorageNotice(): void;
  /** Called by the service worker wiring when a new version is waiting (or took over elsewhere). */
  setUpdateStatus(status: UpdateStatus): void;
  /** Activates the waiting version (the caller asked the user first). */
  applyUpdate(): void;
  /** "Later": the prompt hides; the running version keeps working. */
  declineUpdate(): void;
}

export type SystemSlice = SystemState & SystemActions;

interface Context {
  services: { storage?: StorageService; updates?: UpdateService };
  get(): SystemState & { importState: unknown };
  set(partial: Partial<SystemState>): void;
}

/** The initial state and actions; spread into the app store. */
export function createSystemSlice({ services, get, set }: Context): SystemSlice {
  const unsavedChecks = new Set<() => boolean>();
  return {
    storageInfo: null,
    storageNoticeDismissed: false,
    updateStatus: 'none',

    registerUnsavedInput(check) {
      unsavedChecks.add(check);
      return () => {
        unsavedChecks.delete(check);
      };
    },

    hasUnsavedInput() {
      if (get().importState !== null) return true;
      for (const check of unsavedChecks) {
        try {
          if (check()) return true;
        } catch {
          // A failing check must not allow a reload that could lose input.
          return true;
        }
      }
      return false;
    },

    async checkStorage(options = {}) {
      const storage = services.storage;
      if (!storage) {
        set({ storageInfo: { usage: null, quota: null, persisted: null } });
        return;
      }
      let persisted = await storage.persisted().catch(() => null);
      if (options.ask && persisted === false) persisted = await storage.persist().catch(() => false);
      const estimate = await storage.estimate().catch(() => null);
      set({
        storageInfo: { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted },
      });
    },

    dismissStorageNotice() {
      set({ storageNoticeDismissed: true });
    },

    setUpdateStatus(updateStatus) {
      if (get().updateStatus === 'applying') return;
      set({ updateStatus });
    },

    applyUpdate() {
      if (!services.updates) return;
      set({ updateStatus: 'applying' });
      services.updates.apply();
    },

    declineUpdate() {
      set({ updateStatus: 'declined' });
    },
  };
}
