export type {
  OverlayFailure,
  OverlayIndex,
  OverlayPath,
  OverlayResult,
  OverlaySuccess,
} from './overlay.types';
export type { OverlayBatchOptions, OverlayBatchResult } from './overlay-batch';
export { FAILED_CODE, overlayBatch, PATH_CODES } from './overlay-batch';
export { createOverlayIndex } from './overlay-index';
export type { OverlayParcelOptions } from './overlay-parcel';
export { overlayParcel } from './overlay-parcel';
