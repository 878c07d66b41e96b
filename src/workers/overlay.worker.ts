import { expose } from 'comlink';
import {
  buildControlIndexes,
  type ControlIndexes,
  checkParcel,
  overlapPieces,
} from '../domain/overlay-checks';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import type { ControlRole, OverlayCheck } from '../domain/parcel';
import type { AreaGeometry } from '../geo/geometry.types';

/**
 * Keeps the control layers' spatial indexes off the UI thread, so single-parcel checks (after an
 * edit or draw) and the overlapping pieces of the selected parcel cost milliseconds.
 */
let indexes: ControlIndexes = {};

const api = {
  setControls(layers: { role: ControlRole; geometries: AreaGeometry[] }[]): void {
    indexes = buildControlIndexes(layers);
  },
  check(
    geometry: AreaGeometry,
    parcelAreaM2: number,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ): OverlayCheck[] {
    return checkParcel(indexes, geometry, parcelAreaM2, thresholds);
  },
  checkMany(
    items: { id: string; geometry: AreaGeometry; areaM2: number }[],
    thresholds?: Partial<BoundaryErrorThresholds>,
  ) {
    return items.map((item) => ({
      id: item.id,
      checks: checkParcel(indexes, item.geometry, item.areaM2, thresholds),
    }));
  },
  pieces(geometry: AreaGeometry) {
    return overlapPieces(indexes, geometry);
  },
};

export type OverlayWorkerApi = typeof api;

expose(api);
