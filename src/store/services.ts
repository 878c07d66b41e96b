import type { PreparedLayer } from '../domain/layer';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import type { ControlRole, OverlayCheck } from '../domain/parcel';
import type { AreaGeometry, MultiPolygonGeometry } from '../geo/geometry.types';

export type { PreparedLayer };

/** What the store needs from outside besides storage; the composition root (app/) provides it. */
export interface AppServices {
  /** Fetches the bundled demo county and prepares its layers (in a worker). */
  loadDemoLayers(): Promise<PreparedLayer[]>;
  /** The overlay engine with the control layers loaded (a worker in the app). */
  overlay: OverlayService;
  /** Now, injectable for tests. */
  now(): Date;
}

export interface OverlayService {
  setControls(layers: { role: ControlRole; geometries: AreaGeometry[] }[]): Promise<void>;
  check(
    geometry: AreaGeometry,
    parcelAreaM2: number,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ): Promise<OverlayCheck[]>;
  pieces(geometry: AreaGeometry): Promise<{ role: ControlRole; pieces: MultiPolygonGeometry }[]>;
}
