import { Workbox } from 'workbox-window';
import type { AppStore } from '../store/app-store';
import type { UpdateService } from '../store/system-slice';

/**
 * The service worker (vite-plugin-pwa, generateSW, registerType 'prompt'): precaches the app shell,
 * the workers and the demo county so the app starts with no network. A new version never takes
 * over on its own: it waits until the user accepts the UpdatePrompt (which minds unsaved input),
 * then it is activated and this page reloads once. Declining keeps the running version working:
 * the old service worker keeps serving the old precache, so old and new assets never mix.
 */

let workbox: Workbox | null = null;
let reloadOnControl = false;

/** How often a long-running tab asks the server for a new version (online only). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

let reloading = false;
function reloadOnce(): void {
  if (reloading) return;
  reloading = true;
  window.location.reload();
}

export const updateService: UpdateService = {
  apply() {
    if (!workbox) {
      window.location.reload();
      return;
    }
    reloadOnControl = true;
    navigator.serviceWorker.addEventListener('controllerchange', reloadOnce);
    // If the waiting worker activated meanwhile (another tab accepted), there is nothing to skip.
    workbox.messageSkipWaiting();
    void navigator.serviceWorker.getRegistration().then((registration) => {
      if (!registration?.waiting) reloadOnce();
    });
  },
};

/** Registers the service worker in production builds (the dev server stays worker-free). */
export function registerServiceWorker(store: AppStore): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  workbox = wb;
  wb.addEventListener('waiting', () => store.getState().setUpdateStatus('waiting'));
  // A new version whose install failed (a precached file missing or erroring on the server): the
  // browser discards it whole and this version keeps running; say so rather than offer it.
  wb.addEventListener('redundant', (event) => {
    if (event.isUpdate && store.getState().updateStatus !== 'waiting')
      store.getState().setUpdateStatus('failed');
  });
  wb.addEventListener('controlling', (event) => {
    if (reloadOnControl) {
      reloadOnce();
      return;
    }
    // Another tab accepted the update: this page still runs the old code under the new worker.
    // Ask (never reload on our own: there may be unsaved input here).
    if (event.isUpdate) store.getState().setUpdateStatus('waiting');
  });
  wb.register()
    .then((registration) => {
      if (!registration) return; // registration refused (e.g. blocked by policy or a test harness)
      setInterval(() => {
        if (navigator.onLine) void wb.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    })
    .catch((error: unknown) => {
      // No service worker (private mode, unsupported): the app works, just not offline.
      console.warn('Service worker registration failed; offline start is unavailable.', error);
    });
}
