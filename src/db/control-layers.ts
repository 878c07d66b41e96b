import type { LayerRecord } from '../domain/layer';
import { CONTROL_ROLES, type ControlLayerGeometries, type ControlRole } from '../domain/parcel';
import type { LayerRepository } from './repositories';

const isControlRole = (role: string): role is ControlRole =>
  (CONTROL_ROLES as readonly string[]).includes(role);

/** The stored control layers as read at one time, with what tells whether they are still so. */
export interface StoredControls {
  /**
   * The control layers' ids, roles and feature counts, in layer order. A control layer's features
   * are never changed in place: an import adds a layer under a new id, removing one drops its id,
   * and a backup merge only adds missing features (its count changes). An equal stamp therefore
   * means equal polygons.
   */
  stamp: string;
  layers: ControlLayerGeometries[];
}

function controlStamp(records: readonly LayerRecord[]): string {
  return JSON.stringify(
    records.filter((layer) => isControlRole(layer.role)).map((l) => [l.id, l.role, l.featureCount]),
  );
}

/**
 * Every stored control layer's polygons (三区三线 and the like), in layer order, with their stamp.
 * Given what an earlier call returned, it returns that same object when the stamp still matches,
 * having read only the layer list: a caller keeps what it built from it (the overlay indexes).
 */
export async function readStoredControls(
  layers: LayerRepository,
  before?: StoredControls,
): Promise<StoredControls> {
  const records = await layers.list();
  const stamp = controlStamp(records);
  if (before?.stamp === stamp) return before;
  const controls: ControlLayerGeometries[] = [];
  for (const layer of records) {
    if (!isControlRole(layer.role)) continue;
    const features = await layers.readFeatures(layer.id);
    controls.push({ role: layer.role, geometries: features.map((f) => f.geometry) });
  }
  return { stamp, layers: controls };
}

/** Every stored control layer's polygons (三区三线 and the like), in layer order. */
export async function readControlLayers(layers: LayerRepository): Promise<ControlLayerGeometries[]> {
  return (await readStoredControls(layers)).layers;
}
