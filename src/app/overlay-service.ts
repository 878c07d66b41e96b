import { wrap } from 'comlink';
import type { OverlayService } from '../store/services';
import type { OverlayWorkerApi } from '../workers/overlay.worker';

/** The overlay engine in a long-lived worker, started on first use. */
export function createOverlayService(): OverlayService {
  let api: ReturnType<typeof wrap<OverlayWorkerApi>> | null = null;
  const worker = () => {
    api ??= wrap<OverlayWorkerApi>(
      new Worker(new URL('../workers/overlay.worker.ts', import.meta.url), { type: 'module' }),
    );
    return api;
  };
  return {
    setControls: (layers) => worker().setControls(layers),
    check: (geometry, area, thresholds) => worker().check(geometry, area, thresholds),
    pieces: (geometry) => worker().pieces(geometry),
    checkMany: (items, thresholds) => worker().checkMany(items, thresholds),
  };
}
