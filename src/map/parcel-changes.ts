import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { AppState, AppStore } from '../store/app-store';
import { sourceId } from './style';

/**
 * Applies one store change of parcels to the map: a recolour through feature-state (attributes),
 * or a GeoJSON source diff (`updateData`) for added, reshaped and removed parcels — never
 * re-processing a layer's source.
 */
export async function applyParcelChange(
  map: MapLibreMap,
  store: ReturnType<AppStore['getState']>,
  change: AppState['lastChanged'],
): Promise<void> {
  for (const id of change.ids) {
    if (change.kind === 'removed') {
      const summary = store.removedSummary(id);
      const source = summary && (map.getSource(sourceId(summary.layerId)) as GeoJSONSource | undefined);
      if (summary && source) await source.updateData({ remove: [summary.mapId] });
      continue;
    }
    const summary = store.parcels.get(id);
    const source = summary && (map.getSource(sourceId(summary.layerId)) as GeoJSONSource | undefined);
    if (!summary || !source) continue;
    if (change.kind === 'attributes') {
      // Feature-state recolours one parcel without re-processing the county's source.
      map.setFeatureState(
        { source: sourceId(summary.layerId), id: summary.mapId },
        { category: summary.category },
      );
      continue;
    }
    const record = await store.readParcel(id);
    if (!record) continue;
    const properties = {
      category: record.category,
      status: record.status,
      conflict: summary.conflict,
      outside: summary.outside,
    };
    if (change.kind === 'added') {
      await source.updateData({
        add: [{ type: 'Feature', id: summary.mapId, geometry: record.geometry, properties }],
      });
    } else {
      await source.updateData({
        update: [
          {
            id: summary.mapId,
            newGeometry: record.geometry,
            addOrUpdateProperties: Object.entries(properties).map(([key, value]) => ({ key, value })),
          },
        ],
      });
    }
  }
}
