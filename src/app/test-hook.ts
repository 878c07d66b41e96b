import type { MapController } from '../map/map-controller';
import type { AppStore } from '../store/app-store';

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
}

export function installTestHook(store: AppStore, getController: () => MapController | null): void {
  const hook: TestHook = {
    phase: () => store.getState().phase,
    mapIdle: () => {
      const map = getController()?.map;
      return !!map && map.loaded() && map.areTilesLoaded() && !map.isMoving();
    },
    parcelCount: () => store.getState().parcels.size,
    parcelIds: () => [...store.getState().parcels.keys()],
    parcelAreas: () => [...store.getState().parcels.values()].map((p) => ({ id: p.id, areaM2: p.areaM2 })),
    selectedId: () => store.getState().selectedId,
    selectedPieceRoles: () => store.getState().selectedPieces.map((p) => p.role),
    async screenPointOfParcel(id) {
      const controller = getController();
      const record = await store.getState().readParcel(id);
      return controller && record ? controller.screenPointOf(record.geometry) : null;
    },
  };
  Object.defineProperty(window, '__landstock', { value: Object.freeze(hook), configurable: false });
}
