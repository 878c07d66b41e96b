import { createContext, useContext } from 'react';
import type { MapController } from '../map/map-controller';

/** The map controller, for components that start drawing or show GPS tracks. */
export const MapControllerContext = createContext<MapController | null>(null);

export function useMapController(): MapController | null {
  return useContext(MapControllerContext);
}
