import { wrap } from 'comlink';
import type { OverlayService } from '../store/services';
import type { OverlayWorkerApi } from '../workers/overlay.worker';
import { createWatchedOverlay } from './overlay-watchdog';

/**
 * The overlay engine in a long-lived worker, started on first use, under a watchdog: a check that
 * hangs terminates the worker, the parcel is marked "not checked (timed out)" and a fresh worker
 * takes over (test 61).
 */
export function createOverlayService(): OverlayService {
  return createWatchedOverlay(() => {
    const worker = new Worker(new URL('../workers/overlay.worker.ts', import.meta.url), { type: 'module' });
    const api = wrap<OverlayWorkerApi>(worker);
    return {
      service: {
        setControls: (layers) => api.setControls(layers),
        check: (geometry, area, thresholds) => api.check(geometry, area, thresholds),
        pieces: (geometry) => api.pieces(geometry),
        checkMany: (items, thresholds) => api.checkMany(items, thresholds),
      },
      terminate: () => worker.terminate(),
    };
  });
}
