import {
  buildControlIndexes,
  type ControlIndexes,
  checkParcel,
  overlapPieces,
} from '../domain/overlay-checks';
import type { OverlayService } from './services';

/** The overlay engine on the calling thread: for tests and tools; the app runs it in a worker. */
export function createInProcessOverlay(): OverlayService {
  let indexes: ControlIndexes = {};
  return {
    async setControls(layers) {
      indexes = buildControlIndexes(layers);
    },
    async check(geometry, parcelAreaM2, thresholds) {
      return checkParcel(indexes, geometry, parcelAreaM2, thresholds);
    },
    async checkMany(items, thresholds) {
      return items.map((item) => ({
        id: item.id,
        checks: checkParcel(indexes, item.geometry, item.areaM2, thresholds),
      }));
    },
    async pieces(geometry) {
      return overlapPieces(indexes, geometry);
    },
  };
}
