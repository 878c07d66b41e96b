import type { AreaGeometry } from '../geometry.types';
import type { OverlayIndex, OverlayPath } from './overlay.types';
import { overlayParcel } from './overlay-parcel';

/** Path codes in OverlayBatchResult.paths; 255 = failed. */
export const PATH_CODES: Record<OverlayPath, number> = { disjoint: 0, contained: 1, crossing: 2, clipped: 3 };
export const FAILED_CODE = 255;

export interface OverlayBatchOptions {
  /** Known parcel areas (m²), same order as the geometries; computed when absent. */
  parcelAreasM2?: ArrayLike<number>;
  /** Called every `progressEvery` parcels and at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Checked between slices; a worker wrapper aborts it from a message. */
  signal?: AbortSignal;
}

export interface OverlayBatchResult {
  /** m² inside the layer per parcel; NaN where the overlay failed. */
  insideM2: Float64Array;
  /** m² of each parcel as used. */
  parcelAreaM2: Float64Array;
  /** How each parcel was settled (PATH_CODES), FAILED_CODE when it failed. */
  paths: Uint8Array;
  failures: { parcel: number; reason: string; detail?: string }[];
  /** Parcels processed; less than the total when cancelled. */
  done: number;
  cancelled: boolean;
}

/**
 * Overlays many parcels against one control layer, yielding to the event loop between slices so
 * progress messages flow and an AbortSignal can stop it; results are typed arrays (transferable).
 * One failed parcel never stops the batch. Used by the overlay worker on import and re-check.
 */
export async function overlayBatch(
  index: OverlayIndex,
  geometries: readonly AreaGeometry[],
  options: OverlayBatchOptions = {},
): Promise<OverlayBatchResult> {
  const total = geometries.length;
  const every = Math.max(1, options.progressEvery ?? 5_000);
  const insideM2 = new Float64Array(total).fill(Number.NaN);
  const parcelAreaM2 = new Float64Array(total).fill(Number.NaN);
  const paths = new Uint8Array(total).fill(FAILED_CODE);
  const failures: OverlayBatchResult['failures'] = [];
  let done = 0;
  while (done < total) {
    if (options.signal?.aborted) return { insideM2, parcelAreaM2, paths, failures, done, cancelled: true };
    const end = Math.min(total, done + every);
    for (let i = done; i < end; i++) {
      const known = options.parcelAreasM2?.[i];
      const result = overlayParcel(
        index,
        geometries[i] as AreaGeometry,
        known === undefined ? {} : { parcelAreaM2: known },
      );
      if (result.ok) {
        insideM2[i] = result.insideM2;
        parcelAreaM2[i] = result.parcelAreaM2;
        paths[i] = PATH_CODES[result.path];
      } else {
        failures.push({
          parcel: i,
          reason: result.reason,
          ...(result.detail ? { detail: result.detail } : {}),
        });
      }
    }
    done = end;
    options.onProgress?.(done, total);
    if (done < total) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { insideM2, parcelAreaM2, paths, failures, done, cancelled: false };
}
