import type { Repositories } from '../db/repositories';

/**
 * What one committed write changed, as told to the app's other tabs (RELIABILITY.md §6 C). Ids
 * only, never data: the receiver re-reads what it needs from IndexedDB, the one source of truth.
 */
export interface DataChange {
  /** Parcels written (edited or created): re-read them. */
  parcels?: string[];
  /** Whether any of `parcels` changed shape (the map replaces their geometry). */
  geometry?: boolean;
  /** Parcels deleted. */
  removed?: string[];
  /** Layers added, removed or rewritten as a whole (import, encoding, re-check): reload as on boot. */
  layers?: string[];
  /** Layers whose display settings changed (visibility, opacity, name, order). */
  layerSettings?: string[];
  /** Parcels that got a new patrol record. */
  patrols?: string[];
  /** Anything may have changed (restore, merge, reset): reload everything. */
  all?: boolean;
}

/** Tells the other tabs about committed writes and hears theirs (a BroadcastChannel in the app). */
export interface SyncService {
  post(change: DataChange): void;
  /** Listens for the other tabs' changes (never this tab's own); returns the unsubscribe. */
  subscribe(listener: (change: DataChange) => void): () => void;
}

const ID_LISTS = ['parcels', 'removed', 'layers', 'layerSettings', 'patrols'] as const;
const MAX_IDS = 200_000;

/** A received message as a DataChange, or null when it is not one (messages are checked, not trusted). */
export function parseDataChange(message: unknown): DataChange | null {
  if (!message || typeof message !== 'object' || Array.isArray(message)) return null;
  const input = message as Record<string, unknown>;
  const change: DataChange = {};
  for (const key of ID_LISTS) {
    if (!Object.hasOwn(input, key)) continue;
    const value = input[key];
    if (!Array.isArray(value) || value.length > MAX_IDS) return null;
    if (!value.every((id): id is string => typeof id === 'string')) return null;
    change[key] = value;
  }
  for (const key of ['geometry', 'all'] as const) {
    if (!Object.hasOwn(input, key)) continue;
    if (typeof input[key] !== 'boolean') return null;
    change[key] = input[key];
  }
  return Object.keys(change).length > 0 ? change : null;
}

/**
 * The repositories with every write followed, once its transaction has committed, by a message to
 * the other tabs. Reads pass straight through; a failed write posts nothing.
 */
export function broadcastingRepositories(
  repositories: Repositories,
  post: (change: DataChange) => void,
): Repositories {
  const { layers, parcels, patrols, backup } = repositories;
  async function after<T>(write: Promise<T>, change: DataChange): Promise<T> {
    const result = await write;
    post(change);
    return result;
  }
  return {
    ...repositories,
    layers: {
      list: () => layers.list(),
      readFeatures: (id) => layers.readFeatures(id),
      update: (id, patch) =>
        after(layers.update(id, patch), 'encoding' in patch ? { layers: [id] } : { layerSettings: [id] }),
      importLayer: (layer, content) => after(layers.importLayer(layer, content), { layers: [layer.id] }),
      importLayers: (prepared, meta, options) =>
        after(layers.importLayers(prepared, meta, options), { layers: prepared.map((p) => p.layer.id) }),
      remove: (id) => after(layers.remove(id), { layers: [id] }),
    },
    parcels: {
      readLayer: (layerId) => parcels.readLayer(layerId),
      readLayerForMap: (layerId) => parcels.readLayerForMap(layerId),
      get: (id) => parcels.get(id),
      getMany: (ids) => parcels.getMany(ids),
      nextId: (layerId) => parcels.nextId(layerId),
      write: (writes, changes) =>
        after(parcels.write(writes, changes), {
          parcels: writes.map((w) => w.record.id),
          geometry: changes.some((c) => c.field === 'geometry'),
        }),
      remove: (id, changes) => after(parcels.remove(id, changes), { removed: [id] }),
      replace: (writes, removals, changes) =>
        after(parcels.replace(writes, removals, changes), {
          parcels: writes.map((w) => w.record.id),
          removed: removals.map((r) => r.id),
          geometry: true,
        }),
      updateOverlays: (layerId, checks) =>
        after(parcels.updateOverlays(layerId, checks), { layers: [layerId] }),
      rewriteLayer: (layerId, records) =>
        after(parcels.rewriteLayer(layerId, records), { layers: [layerId] }),
    },
    patrols: {
      forParcel: (parcelId) => patrols.forParcel(parcelId),
      photo: (id) => patrols.photo(id),
      count: () => patrols.count(),
      add: (patrol, photos) => after(patrols.add(patrol, photos), { patrols: [patrol.parcelId] }),
    },
    ...(backup
      ? {
          backup: {
            dump: () => backup.dump(),
            restore: (data) => after(backup.restore(data), { all: true }),
            mergeIncoming: (l, p, c) => after(backup.mergeIncoming(l, p, c), { all: true }),
          },
        }
      : {}),
    clearAll: () => after(repositories.clearAll(), { all: true }),
  };
}
