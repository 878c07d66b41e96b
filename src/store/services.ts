import type { PreparedLayer } from '../domain/layer';

export type { PreparedLayer };

/** What the store needs from outside besides storage; the composition root (app/) provides it. */
export interface AppServices {
  /** Fetches the bundled demo county and prepares its layers (in a worker). */
  loadDemoLayers(): Promise<PreparedLayer[]>;
  /** Now, injectable for tests. */
  now(): Date;
}
