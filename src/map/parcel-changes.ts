import type { Map as MapLibreMap } from 'maplibre-gl';
import type { ParcelSummary } from '../domain/parcel-summary';
import type { AppState, AppStore } from '../store/app-store';
import { type MapFeatureDiff, TILE_LAYER } from '../store/map-tiles';
import { sourceId } from './style';

/**
 * Applies one store change of parcels to the map, never re-tiling a layer: the tile service gets
 * the changed features (one diff per layer) and re-cuts only the tiles they touch; a recolour also
 * goes into feature-state at once. Returns the layers whose tiles changed (the map re-requests
 * the tiles it shows of them).
 */
export async function applyParcelChange(
  map: MapLibreMap,
  store: ReturnType<AppStore['getState']>,
  change: AppState['lastChanged'],
): Promise<string[]> {
  const diffs = new Map<string, Required<MapFeatureDiff>>();
  const diffOf = (layerId: string) => {
    let diff = diffs.get(layerId);
    if (!diff) {
      diff = { add: [], update: [], remove: [] };
      diffs.set(layerId, diff);
    }
    return diff;
  };
  const reshaped: string[] = [];
  for (const id of change.ids) {
    if (change.kind === 'removed') {
      const summary = store.removedSummary(id);
      if (summary && map.getSource(sourceId(summary.layerId)))
        diffOf(summary.layerId).remove.push(summary.mapId);
      continue;
    }
    const summary = store.parcels.get(id);
    if (!summary || !map.getSource(sourceId(summary.layerId))) continue;
    const properties = propertiesOf(summary);
    if (change.kind === 'attributes') {
      // Feature-state recolours at once; the tiles catch up for the zooms not yet drawn.
      map.setFeatureState(
        { source: sourceId(summary.layerId), sourceLayer: TILE_LAYER, id: summary.mapId },
        { category: summary.category },
      );
      diffOf(summary.layerId).update.push({ id: summary.mapId, properties });
    } else {
      reshaped.push(id);
    }
  }
  if (reshaped.length > 0) {
    const records = await Promise.all(reshaped.map((id) => store.readParcel(id)));
    for (const record of records) {
      if (!record) continue;
      const summary = store.parcels.get(record.id);
      if (!summary) continue;
      const properties = propertiesOf(summary);
      if (change.kind === 'added')
        diffOf(record.layerId).add.push({
          type: 'Feature',
          id: summary.mapId,
          geometry: record.geometry,
          properties,
        });
      else diffOf(record.layerId).update.push({ id: summary.mapId, geometry: record.geometry, properties });
    }
  }
  const edited: string[] = [];
  for (const [layerId, diff] of diffs) {
    if (await store.updateMapFeatures(layerId, diff)) edited.push(layerId);
  }
  return edited;
}

/** What the map's style reads of a parcel, from its summary (kept current by the store). */
function propertiesOf(summary: ParcelSummary): Required<MapFeatureDiff>['update'][number]['properties'] {
  return {
    category: summary.category,
    status: summary.status,
    conflict: summary.conflict,
    outside: summary.outside,
    boundaryError: summary.issues.some((issue) => issue.verdict === 'boundary-error'),
  };
}
