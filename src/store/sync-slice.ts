import type { StoreApi } from 'zustand/vanilla';
import type { Repositories } from '../db/repositories';
import type { LayerRecord } from '../domain/layer';
import type { ParcelRecord } from '../domain/parcel';
import { summarize } from '../domain/parcel-summary';
import type { AppStoreState } from './app-store';
import type { DataChange, SyncService } from './sync';

export interface SyncState {
  /** Parcels that got a patrol in another tab (an open patrol list re-reads when it lists one). */
  patrolsChanged: { parcelIds: string[]; revision: number };
}

interface Context {
  /** The repositories without broadcasting (a received change is never echoed). */
  repositories: Repositories;
  store: StoreApi<AppStoreState>;
  mapIdOf(id: string): number;
  /** The same state updates this tab's own creates and deletes use. */
  added(record: ParcelRecord): void;
  removed(id: string): void;
  /** Layers and parcels re-read as on boot (the map reloads its sources). */
  reload(): Promise<void>;
  /** Just these layers re-read (the map rebuilds just their sources). */
  reloadLayers(ids: readonly string[]): Promise<void>;
}

/**
 * Applies the other tabs' committed writes to this tab (RELIABILITY.md §6 C 36): re-reads the
 * parcels named from IndexedDB and updates summaries, the open inspector and the map through the
 * same `lastChanged` path a local edit takes; a new or rewritten layer is loaded as on boot.
 * Changes are applied one after another, and only once the store has booted.
 */
export function connectSync(sync: SyncService, ctx: Context): () => void {
  const { store, repositories } = ctx;
  const pending: DataChange[] = [];
  let chain = Promise.resolve();

  const enqueue = (change: DataChange) => {
    chain = chain.then(() => apply(change)).catch((error: unknown) => store.getState().showError(error));
  };

  async function apply(change: DataChange): Promise<void> {
    if (change.all || (change.layers && change.layers.length > 0)) {
      await reloadKeepingSelection(change.all ? undefined : change.layers);
    } else {
      if (change.layerSettings?.length) await applyLayerSettings(change.layerSettings);
      if (change.parcels?.length) await applyParcels(change.parcels, change.geometry === true);
      for (const id of change.removed ?? []) if (store.getState().parcels.has(id)) ctx.removed(id);
    }
    if (change.patrols?.length) {
      const parcelIds = change.patrols;
      store.setState((s) => ({
        patrolsChanged: { parcelIds, revision: s.patrolsChanged.revision + 1 },
      }));
    }
  }

  async function reloadKeepingSelection(layers?: readonly string[]): Promise<void> {
    const selectedId = store.getState().selectedId;
    if (layers) await ctx.reloadLayers(layers);
    else await ctx.reload();
    if (selectedId && store.getState().parcels.has(selectedId))
      await store.getState().selectParcel(selectedId);
  }

  async function applyLayerSettings(ids: string[]): Promise<void> {
    const stored = new Map<string, LayerRecord>((await repositories.layers.list()).map((l) => [l.id, l]));
    store.setState((s) => ({
      layers: s.layers.map((layer) => {
        const fresh = ids.includes(layer.id) ? stored.get(layer.id) : undefined;
        return fresh
          ? { ...layer, visible: fresh.visible, opacity: fresh.opacity, name: fresh.name, order: fresh.order }
          : layer;
      }),
    }));
  }

  async function applyParcels(ids: string[], geometry: boolean): Promise<void> {
    const records = await repositories.parcels.getMany(ids);
    const state = store.getState();
    if (records.some((r) => !state.layers.some((l) => l.id === r.layerId))) {
      // A parcel of a layer this tab has not loaded yet: load it as on boot.
      await reloadKeepingSelection();
      return;
    }
    const known = records.filter((r) => state.parcels.has(r.id));
    for (const record of records) if (!state.parcels.has(record.id)) ctx.added(record);
    if (known.length === 0) return;
    store.setState((s) => {
      const parcels = new Map(s.parcels);
      let selected = s.selected;
      for (const record of known) {
        parcels.set(record.id, summarize(record, parcels.get(record.id)?.mapId ?? ctx.mapIdOf(record.id)));
        if (s.selectedId === record.id) selected = record;
      }
      const changed = known.map((r) => r.id);
      return {
        parcels,
        selected,
        lastChanged: { ids: changed, revision: s.lastChanged.revision + 1, kind: 'attributes' },
      };
    });
    if (geometry) {
      // The new shapes and style properties too (feature-state above keeps the colour in step).
      store.setState((s) => ({
        lastChanged: { ids: known.map((r) => r.id), revision: s.lastChanged.revision + 1, kind: 'geometry' },
      }));
    }
  }

  const unsubscribe = sync.subscribe((change) => {
    if (store.getState().phase === 'ready') enqueue(change);
    else pending.push(change);
  });
  const unwatch = store.subscribe((state, previous) => {
    if (state.phase === 'ready' && previous.phase !== 'ready')
      for (const change of pending.splice(0)) enqueue(change);
  });
  return () => {
    unsubscribe();
    unwatch();
  };
}
