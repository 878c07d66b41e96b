import { CONTROL_ROLES, type ControlLayerGeometries, type ControlRole } from '../domain/parcel';
import type { LayerRepository } from './repositories';

const isControlRole = (role: string): role is ControlRole =>
  (CONTROL_ROLES as readonly string[]).includes(role);

/** Every stored control layer's polygons (三区三线 and the like), in layer order. */
export async function readControlLayers(layers: LayerRepository): Promise<ControlLayerGeometries[]> {
  const controls: ControlLayerGeometries[] = [];
  for (const layer of await layers.list()) {
    if (!isControlRole(layer.role)) continue;
    const features = await layers.readFeatures(layer.id);
    controls.push({ role: layer.role, geometries: features.map((f) => f.geometry) });
  }
  return controls;
}
