import { bboxOf } from '../geo/geometry.types';
import type { MapController } from '../map/map-controller';
import { BASEMAP_SOURCE, sourceId } from '../map/style';
import type { AppStore } from '../store/app-store';
import { TILE_LAYER } from '../store/map-tiles';
import { basemapTilesServed } from './offline-basemap-service';

/**
 * A read-only window into the app for the browser tests, where pixels can't tell (DESIGN.md):
 * whether the map is idle, and where on screen a parcel is. It changes nothing.
 */
export interface TestHook {
  phase(): string;
  mapIdle(): boolean;
  parcelCount(): number;
  parcelIds(): string[];
  /** Id and area of every parcel (to pick one worth clicking). */
  parcelAreas(): { id: string; areaM2: number }[];
  selectedId(): string | null;
  /** How many control roles' overlapping pieces are drawn for the selection. */
  selectedPieceRoles(): string[];
  screenPointOfParcel(id: string): Promise<{ x: number; y: number } | null>;
  /** A parcel's bounding box on screen (map container pixels; y grows downwards). */
  screenBoxOfParcel(id: string): Promise<{ minX: number; minY: number; maxX: number; maxY: number } | null>;
  /** A parcel's category in the store's summaries (null: no such parcel). */
  parcelCategory(id: string): string | null;
  /** Whether the map's source holds the parcel, and the category it is drawn with (feature-state first). */
  mapFeature(id: string): Promise<{ present: boolean; category: string | null }>;
  /** Every layer as the store holds it. */
  layers(): { id: string; name: string; role: string; featureCount: number }[];
  /** Tiles of the offline basemap served through the pmtiles:// protocol so far. */
  basemapTilesServed(): number;
  /** A map style layer's layout visibility (`visible`/`none`); null: no such layer. */
  mapLayerVisibility(styleLayerId: string): string | null;
  /** The online basemap's tile URLs in the map's style; null: no online basemap. */
  mapBasemapTiles(): string[] | null;
}

export function installTestHook(store: AppStore, getController: () => MapController | null): void {
  const hook: TestHook = {
    phase: () => store.getState().phase,
    // Not just MapLibre's idle: the map must also have built the sources of the store's current data.
    mapIdle: () => getController()?.settled() ?? false,
    parcelCount: () => store.getState().parcels.size,
    parcelIds: () => [...store.getState().parcels.keys()],
    parcelAreas: () => [...store.getState().parcels.values()].map((p) => ({ id: p.id, areaM2: p.areaM2 })),
    selectedId: () => store.getState().selectedId,
    selectedPieceRoles: () => store.getState().selectedPieces.map((p) => p.role),
    parcelCategory: (id) => store.getState().parcels.get(id)?.category ?? null,
    async mapFeature(id) {
      const state = store.getState();
      const summary = state.parcels.get(id) ?? state.removedSummary(id);
      const map = getController()?.map;
      if (!summary || !map?.getSource(sourceId(summary.layerId))) return { present: false, category: null };
      // What the layer's tiles hold (the tile worker), with the feature-state recolour on top.
      const held = await state.mapFeature(summary.layerId, summary.mapId);
      if (!held) return { present: false, category: null };
      const featureState = map.getFeatureState({
        source: sourceId(summary.layerId),
        sourceLayer: TILE_LAYER,
        id: summary.mapId,
      });
      const category = (featureState.category ?? held.category ?? null) as string | null;
      return { present: true, category };
    },
    layers: () =>
      store.getState().layers.map((l) => ({
        id: l.id,
        name: l.name,
        role: l.role,
        featureCount: l.featureCount,
      })),
    basemapTilesServed,
    mapLayerVisibility(styleLayerId) {
      const map = getController()?.map;
      if (!map?.getLayer(styleLayerId)) return null;
      return String(map.getLayoutProperty(styleLayerId, 'visibility') ?? 'visible');
    },
    mapBasemapTiles() {
      const source = getController()?.map.getStyle().sources[BASEMAP_SOURCE];
      return source && 'tiles' in source ? [...(source.tiles ?? [])] : null;
    },
    async screenBoxOfParcel(id) {
      const map = getController()?.map;
      const record = await store.getState().readParcel(id);
      if (!map || !record) return null;
      const [w, s, e, n] = bboxOf(record.geometry);
      const sw = map.project([w, s]);
      const ne = map.project([e, n]);
      return { minX: sw.x, minY: ne.y, maxX: ne.x, maxY: sw.y };
    },
    async screenPointOfParcel(id) {
      const controller = getController();
      const record = await store.getState().readParcel(id);
      return controller && record ? controller.screenPointOf(record.geometry) : null;
    },
  };
  Object.defineProperty(window, '__landstock', { value: Object.freeze(hook), configurable: false });
}
