import type { LayerFeature, LayerRecord } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';

/** A layer ready to store: built off the UI thread (workers) from a file or the demo data. */
export interface PreparedLayer {
  layer: LayerRecord;
  content: { kind: 'parcels'; items: ParcelRecord[] } | { kind: 'features'; items: LayerFeature[] };
}

/** What the store needs from outside besides storage; the composition root (app/) provides it. */
export interface AppServices {
  /** Fetches the bundled demo county and prepares its layers (in a worker). */
  loadDemoLayers(): Promise<PreparedLayer[]>;
  /** Now, injectable for tests. */
  now(): Date;
}
