import { pointOnFeature } from '@turf/turf';
import type { AreaGeometry } from './geometry.types';

/** A point guaranteed inside the geometry (not just its centroid): where to click or put a label. */
export function interiorPoint(geometry: AreaGeometry): [number, number] {
  const point = pointOnFeature({ type: 'Feature', geometry, properties: {} });
  const [lon, lat] = point.geometry.coordinates;
  return [lon as number, lat as number];
}
