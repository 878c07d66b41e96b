import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Repositories } from '../db/repositories';
import type { ChangeEntry } from '../domain/change-entry';
import type { LayerRecord } from '../domain/layer';
import type { ControlRole, ParcelRecord } from '../domain/parcel';
import { type ParcelSummary, summarize } from '../domain/parcel-summary';
import { defaultRegion, type RegionSettings } from '../domain/regions';
import type { BBox, MultiPolygonGeometry } from '../geo/geometry.types';
import { tileUrlAllowed } from '../shared/csp';
import { type AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import { type BasemapActions, type BasemapState, createBasemapSlice } from './basemap-slice';
import { createEditActions, type EditActions } from './edit-slice';
import { createFieldActions, type FieldActions } from './field-slice';
import { createImportActions, type ImportActions, type ImportState } from './import-slice';
import { bumpLayerRevisions, createLayerLoader, layerRevisionsAt } from './layer-loading';
import { createLayerSlots, localMapTiles, type MapFeature, type MapFeatureDiff } from './map-tiles';
import {
  createReportsActions,
  REPORTS_INITIAL_STATE,
  type ReportsActions,
  type ReportsState,
} from './reports-slice';
import type { AppServices } from './services';
import { createSplitMergeActions, type SplitMergeActions } from './split-merge-slice';
import {
  type CheckSettings,
  createStandardsSlice,
  DEFAULT_CHECK_SETTINGS,
  type StandardsActions,
} from './standards-slice';
import { broadcastingRepositories } from './sync';
import { connectSync, type SyncState } from './sync-slice';
import { createSystemSlice, type SystemSlice } from './system-slice';

export type { Locale } from '../domain/labels';
export type { CheckSettings } from './standards-slice';
export { DEFAULT_CHECK_SETTINGS } from './standards-slice';

import type { Locale } from '../domain/labels';
export type AreaUnit = 'mu' | 'm2' | 'ha';

export interface Toast {
  id: string;
  kind: 'info' | 'error';
  /** A message key of the UI's message catalogue, or an AppError code. */
  message: string;
  details?: Record<string, string | number>;
}

export interface AppState extends ReportsState, SyncState, BasemapState {
  phase: 'booting' | 'ready' | 'failed';
  bootError: AppError | null;
  locale: Locale;
  areaUnit: AreaUnit;
  inspectorName: string;
  basemapUrl: string;
  layers: LayerRecord[];
  /** Every parcel's summary by id; replaced (not mutated) on change. */
  parcels: ReadonlyMap<string, ParcelSummary>;
  selectedId: string | null;
  /** The full record of the selected parcel, read from storage on selection. */
  selected: ParcelRecord | null;
  /** Lasting problem (storage full, another tab upgraded the app): shown until resolved. */
  banner: AppError | null;
  toasts: Toast[];
  /** Bumped whenever layer data was re-read from storage (caches of derived data key on it). */
  dataRevision: number;
  /** Per layer, the dataRevision at which its data was last re-read: the map rebuilds only the
   * sources whose revision moved, so importing a layer leaves the county's source untouched. */
  layerRevisions: Readonly<Record<string, number>>;
  /** The parcels changed by the last mutation (the map updates just these). */
  lastChanged: { ids: string[]; revision: number; kind: 'attributes' | 'geometry' | 'added' | 'removed' };
  busy: string | null;
  /** Overlapping pieces of the selected parcel with each control role (drawn on the map). */
  selectedPieces: { role: ControlRole; pieces: MultiPolygonGeometry }[];
  /** A request to bring a parcel into view (list clicks); the map answers it. */
  focus: { id: string; revision: number } | null;
  /** Each loaded layer's extent in lon/lat (layers without features have none). */
  layerBounds: Readonly<Record<string, BBox>>;
  /** A request to show an extent (a layer just imported); the map answers it. */
  viewRequest: { bbox: BBox; revision: number } | null;
  /** The import dialog's state; null when no import is open. */
  importState: ImportState | null;
  /** Thresholds of the checks the user sets: 边界误差 and the declared-vs-computed area flag. */
  checkSettings: CheckSettings;
  /** Progress (0–1) of re-checking all parcels after a control layer changed; null when idle. */
  recheckProgress: number | null;
  /** Which parcels the map shows. */
  parcelFilter: ParcelFilter;
  /** The region preset (thresholds and targets) used by rules and statistics. */
  region: RegionSettings;
  canUndo: boolean;
  canRedo: boolean;
}

export interface AppActions {
  boot(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  setAreaUnit(unit: AreaUnit): void;
  setBasemapUrl(url: string): Promise<void>;
  setInspectorName(name: string): Promise<void>;
  setLayerVisible(layerId: string, visible: boolean): Promise<void>;
  setLayerOpacity(layerId: string, opacity: number): Promise<void>;
  selectParcel(id: string | null): Promise<void>;
  /** Every parcel record of every parcel layer, read from storage on demand (statistics, exports). */
  loadRecords(): Promise<ParcelRecord[]>;
  /** The whole change log (indicators replay it). */
  loadChanges(): Promise<ChangeEntry[]>;
  /** A parcel's full record from storage (not kept in the store). */
  readParcel(id: string): Promise<ParcelRecord | undefined>;
  loadHistory(id: string): Promise<ChangeEntry[]>;
  setParcelFilter(filter: ParcelFilter): void;
  /** Selects a parcel and asks the map to zoom to it. */
  focusParcel(id: string): Promise<void>;
  resetDemo(): Promise<void>;
  /** MVT bytes of one tile of a layer (the map's tile protocol); null where the layer has nothing. */
  mapTile(layerId: string, z: number, x: number, y: number): Promise<Uint8Array | null>;
  /** The map is idle (every tile it asked for is drawn); see MapTileService.idle. */
  mapIdle(): void;
  /** Edits a layer's tiles feature by feature (the map, after a parcel change). */
  updateMapFeatures(layerId: string, diff: MapFeatureDiff): Promise<boolean>;
  /** What a layer's tiles hold of one feature (the browser tests' hook). */
  mapFeature(layerId: string, mapId: number): Promise<MapFeature['properties'] | null>;
  /** Asks the map to show these layers' extent (after an import). */
  showLayers(ids: readonly string[]): void;
  findByMapId(mapId: number): ParcelSummary | undefined;
  /** The summary a just-deleted parcel had (the map removes its feature by map id). */
  removedSummary(id: string): ParcelSummary | undefined;
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: string): void;
  showError(error: unknown): void;
}

export type AppStoreState = AppState &
  AppActions &
  EditActions &
  StandardsActions &
  ImportActions &
  ReportsActions &
  FieldActions &
  SplitMergeActions &
  BasemapActions &
  SystemSlice;
export type AppStore = StoreApi<AppStoreState>;

const DEMO_LOADED = 'demoLoadedAt';

export type ParcelFilter = 'all' | 'conflict' | 'outside' | 'boundary-error';

/**
 * The app's state and actions (DESIGN.md store layer). Storage is reached only through the
 * repositories; every action that changes data awaits its transaction before reporting success.
 */
export function createAppStore(deps: { repositories: Repositories; services: AppServices }): AppStore {
  const { services } = deps;
  // Every committed write is told to the app's other tabs (RELIABILITY.md §6 C).
  const sync = services.sync;
  const repositories = sync
    ? broadcastingRepositories(deps.repositories, (change) => sync.post(change))
    : deps.repositories;
  /** Map ids follow from parcel ids and a per-session slot of each layer (domain/map-ids); never stored. */
  const slots = createLayerSlots();
  const mapIdOf = (id: string): number => slots.mapIdOf(id);
  /** The map's vector tiles: a worker reading IndexedDB in the app, in process elsewhere. */
  const tiles = services.mapTiles ?? localMapTiles(deps.repositories);

  const loader = createLayerLoader(repositories, tiles, slots);

  /** Everything re-read (boot, restore, reset): every layer's map source is rebuilt. */
  async function loadAll(): Promise<Partial<AppState>> {
    const { layers, parcels, bounds } = await loader.loadAll();
    const revision = getState().dataRevision + 1;
    return {
      layers,
      parcels,
      layerBounds: bounds,
      dataRevision: revision,
      layerRevisions: layerRevisionsAt(layers, revision),
    };
  }

  async function storeDemo(): Promise<void> {
    const prepared = await services.loadDemoLayers();
    for (const { layer, content } of prepared) await repositories.layers.importLayer(layer, content);
    await repositories.meta.set(DEMO_LOADED, services.now().toISOString());
  }

  /**
   * Re-reads run one after another: each starts from the state the previous one left (an import
   * finishing here while another tab's import is announced must not drop either layer).
   */
  let reading: Promise<void> = Promise.resolve();
  function serially(task: () => Promise<void>): Promise<void> {
    const run = reading.then(task, task);
    reading = run.catch(() => undefined);
    return run;
  }

  function reload(): Promise<void> {
    return serially(async () => {
      setState({ ...(await loadAll()), selectedId: null, selected: null, selectedPieces: [] });
    });
  }

  /** Just these layers re-read (new, rewritten or removed); the rest of the county stays as it is. */
  function reloadLayers(ids: readonly string[]): Promise<void> {
    return serially(() => readLayers(ids));
  }

  async function readLayers(ids: readonly string[]): Promise<void> {
    const { layers, summaries, bounds } = await loader.loadLayers(ids);
    const changed = new Set(ids);
    setState((s) => {
      const layerBounds: Record<string, BBox> = {};
      for (const layer of layers) {
        const box = changed.has(layer.id) ? bounds[layer.id] : s.layerBounds[layer.id];
        if (box) layerBounds[layer.id] = box;
      }
      // Merged into the state as it is now: summaries added meanwhile (a drawn parcel, another
      // tab's edit) are kept unless they belong to a layer just re-read. The summaries just loaded are a map of their own: the few kept ones (the demo's, a drawn
      // parcel) are added to it rather than the loaded county copied into a new map, a 70 ms task
      // on the UI thread at 100k parcels. Kept ones come after the loaded ones then; nothing reads
      // the map in its order but to sum or sort.
      const kept: ParcelSummary[] = [];
      for (const summary of s.parcels.values()) if (!changed.has(summary.layerId)) kept.push(summary);
      let parcels = summaries;
      if (kept.length <= summaries.size) {
        for (const summary of kept) if (!parcels.has(summary.id)) parcels.set(summary.id, summary);
      } else {
        parcels = new Map<string, ParcelSummary>();
        for (const summary of kept) parcels.set(summary.id, summary);
        for (const [id, summary] of summaries) parcels.set(id, summary);
      }
      const selected = s.selectedId === null ? undefined : s.parcels.get(s.selectedId);
      const keepSelection = selected !== undefined && !changed.has(selected.layerId);
      return {
        layers,
        parcels,
        layerBounds,
        dataRevision: s.dataRevision + 1,
        layerRevisions: bumpLayerRevisions(s.layerRevisions, layers, ids, s.dataRevision + 1),
        ...(keepSelection ? {} : { selectedId: null, selected: null, selectedPieces: [] }),
      };
    });
  }

  const standards = createStandardsSlice({
    repositories,
    services,
    get: () => getState(),
    set: (patch) => setState(patch),
    reload,
  });
  const { ensureControls, recheckAll } = standards;

  const importActions = (): ImportActions =>
    createImportActions({
      repositories,
      services,
      thresholds: () => getState().checkSettings,
      getImport: () => getState().importState,
      setImport: (importState) => setState({ importState }),
      maxOrder: () => Math.max(0, ...getState().layers.map((l) => l.order)),
      reload,
      reloadLayers,
      recheckAll,
      showLayers: (ids) => getState().showLayers(ids),
    });

  const fieldActions = (): FieldActions =>
    createFieldActions({
      repositories,
      services,
      who: () => getState().inspectorName || 'user',
      layers: () => getState().layers,
      thresholds: () => getState().checkSettings,
      ensureControls,
      editParcel: (id, patch, reason) => getState().editParcel(id, patch, reason),
      reload,
      reloadLayers,
      added: (record) => added(record),
      removed: (id) => removed(id),
    });
  /** A parcel created here or in another tab: its summary, its layer's count, the map. */
  const added = (record: ParcelRecord) =>
    setState((s) => {
      const parcels = new Map(s.parcels);
      parcels.set(record.id, summarize(record, mapIdOf(record.id)));
      return {
        parcels,
        layers: s.layers.map((l) =>
          l.id === record.layerId ? { ...l, featureCount: l.featureCount + 1 } : l,
        ),
        lastChanged: { ids: [record.id], revision: s.lastChanged.revision + 1, kind: 'added' },
      };
    });
  /** A parcel deleted here or in another tab. */
  const removed = (id: string) =>
    setState((s) => {
      const parcels = new Map(s.parcels);
      const old = parcels.get(id);
      parcels.delete(id);
      removedSummaries.set(id, old);
      return {
        parcels,
        selectedId: s.selectedId === id ? null : s.selectedId,
        selected: s.selectedId === id ? null : s.selected,
        layers: s.layers.map((l) =>
          l.id === old?.layerId ? { ...l, featureCount: Math.max(0, l.featureCount - 1) } : l,
        ),
        lastChanged: { ids: [id], revision: s.lastChanged.revision + 1, kind: 'removed' },
      };
    });
  /** Summaries of parcels just removed, so the map can still find their feature ids. */
  const removedSummaries = new Map<string, ParcelSummary | undefined>();

  const splitMergeActions = (): SplitMergeActions =>
    createSplitMergeActions({
      repositories,
      services,
      who: () => getState().inspectorName || 'user',
      thresholds: () => getState().checkSettings,
      ensureControls,
      added: (record) => added(record),
      removed: (id) => removed(id),
      reshaped: (record) =>
        setState((s) => {
          const parcels = new Map(s.parcels);
          parcels.set(record.id, summarize(record, mapIdOf(record.id)));
          return {
            parcels,
            selected: s.selectedId === record.id ? record : s.selected,
            lastChanged: { ids: [record.id], revision: s.lastChanged.revision + 1, kind: 'geometry' },
          };
        }),
      pushUndo: (entry) => getState().pushUndo(entry),
      storageFailed: (error) => {
        if (error.code === 'storage-full' || error.code === 'storage-version-changed')
          setState({ banner: error });
      },
    });

  const reportsActions = (): ReportsActions =>
    createReportsActions({
      repositories,
      services,
      get: () => getState(),
      set: (patch) => setState(patch),
      loadRecords: () => getState().loadRecords(),
      loadChanges: () => getState().loadChanges(),
      reload,
      reloadSettings: async () => {
        const [locale, inspectorName, basemapUrl, region, checks] = await Promise.all([
          repositories.settings.get<Locale>('locale'),
          repositories.settings.get<string>('inspectorName'),
          repositories.settings.get<string>('basemapUrl'),
          repositories.settings.get<RegionSettings>('region'),
          repositories.settings.get<CheckSettings>('checks'),
        ]);
        setState((s) => ({
          locale: locale ?? s.locale,
          inspectorName: inspectorName ?? s.inspectorName,
          basemapUrl: basemapUrl ?? s.basemapUrl,
          region: region ?? s.region,
          checkSettings: { ...DEFAULT_CHECK_SETTINGS, ...checks },
        }));
      },
    });

  let setState: StoreApi<AppStoreState>['setState'] = () => undefined;
  let getState: StoreApi<AppStoreState>['getState'] = () => {
    throw new Error('store not ready');
  };

  const editActions = createEditActions({
    repositories,
    services,
    get: () => getState(),
    set: (partial) => setState(partial),
    mapIdOf,
  });

  const store = createStore<AppStoreState>()((set, get, api) => {
    setState = api.setState;
    getState = api.getState;
    return {
      ...editActions,
      phase: 'booting',
      bootError: null,
      locale: 'zh-CN',
      areaUnit: 'mu',
      inspectorName: '',
      basemapUrl: '',
      layers: [],
      parcels: new Map(),
      selectedId: null,
      selected: null,
      banner: null,
      toasts: [],
      dataRevision: 0,
      layerRevisions: {},
      lastChanged: { ids: [], revision: 0, kind: 'attributes' },
      busy: null,
      ...importActions(),
      ...standards.actions,
      ...createSystemSlice({ services, get, set }),
      ...createBasemapSlice({
        service: services.offlineBasemap,
        set,
        pushToast: (toast) => get().pushToast(toast),
      }),
      ...reportsActions(),
      ...REPORTS_INITIAL_STATE,
      ...fieldActions(),
      ...splitMergeActions(),
      region: defaultRegion,
      selectedPieces: [],
      focus: null,
      layerBounds: {},
      viewRequest: null,
      checkSettings: DEFAULT_CHECK_SETTINGS,
      recheckProgress: null,
      importState: null,
      parcelFilter: 'all',
      patrolsChanged: { parcelIds: [], revision: 0 },
      canUndo: false,
      canRedo: false,

      async boot() {
        try {
          const [locale, inspectorName, basemapUrl, region, checks] = await Promise.all([
            repositories.settings.get<Locale>('locale'),
            repositories.settings.get<string>('inspectorName'),
            repositories.settings.get<string>('basemapUrl'),
            repositories.settings.get<RegionSettings>('region'),
            repositories.settings.get<CheckSettings>('checks'),
          ]);
          set({
            locale: locale ?? 'zh-CN',
            inspectorName: inspectorName ?? '',
            basemapUrl: basemapUrl ?? '',
            region: region ?? defaultRegion,
            checkSettings: { ...DEFAULT_CHECK_SETTINGS, ...checks },
          });
          const demoLoaded = await repositories.meta.get<string>(DEMO_LOADED);
          const existing = await repositories.layers.list();
          if (!demoLoaded && existing.length === 0) {
            set({ busy: 'loading-demo' });
            await storeDemo();
          }
          set({ phase: 'ready', busy: null, ...(await loadAll()) });
        } catch (error) {
          set({ phase: 'failed', busy: null, bootError: toAppError(error) });
        }
      },

      async setLocale(locale) {
        set({ locale });
        await repositories.settings.set('locale', locale).catch((error: unknown) => get().showError(error));
      },

      setAreaUnit(areaUnit) {
        set({ areaUnit });
      },

      async setBasemapUrl(basemapUrl) {
        // The built app's CSP admits tiles only from these hosts: refuse others here, with a message.
        const hosts = services.tileHosts;
        if (basemapUrl && hosts && !tileUrlAllowed(basemapUrl, hosts)) {
          get().pushToast({
            kind: 'error',
            message: 'basemapHostNotAllowed',
            details: { hosts: hosts.join(' ') },
          });
          return;
        }
        await repositories.settings.set('basemapUrl', basemapUrl);
        set({ basemapUrl });
      },

      async setInspectorName(inspectorName) {
        await repositories.settings.set('inspectorName', inspectorName);
        set({ inspectorName });
      },

      async setLayerVisible(layerId, visible) {
        set((s) => ({ layers: s.layers.map((l) => (l.id === layerId ? { ...l, visible } : l)) }));
        await repositories.layers
          .update(layerId, { visible })
          .catch((error: unknown) => get().showError(error));
      },

      async setLayerOpacity(layerId, opacity) {
        set((s) => ({ layers: s.layers.map((l) => (l.id === layerId ? { ...l, opacity } : l)) }));
        await repositories.layers
          .update(layerId, { opacity })
          .catch((error: unknown) => get().showError(error));
      },

      async selectParcel(id) {
        set({
          selectedId: id,
          selected: id === null ? null : get().selected?.id === id ? get().selected : null,
          selectedPieces: [],
        });
        if (id === null) return;
        try {
          const record = await repositories.parcels.get(id);
          if (get().selectedId !== id) return;
          set({ selected: record ?? null });
          if (!record) return;
          await ensureControls();
          const pieces = await services.overlay.pieces(record.geometry);
          if (get().selectedId === id) set({ selectedPieces: pieces });
        } catch (error) {
          get().showError(error);
        }
      },

      async loadRecords() {
        const records: ParcelRecord[] = [];
        for (const layer of get().layers) {
          if (layer.role !== 'parcels') continue;
          for (const record of await repositories.parcels.readLayer(layer.id)) records.push(record);
        }
        return records;
      },

      loadChanges() {
        return repositories.changes.all();
      },

      readParcel(id) {
        return repositories.parcels.get(id);
      },

      loadHistory(id) {
        return repositories.changes.forParcel(id);
      },

      async focusParcel(id) {
        set((s) => ({ focus: { id, revision: (s.focus?.revision ?? 0) + 1 } }));
        await get().selectParcel(id);
      },

      setParcelFilter(parcelFilter) {
        set({ parcelFilter });
      },

      async resetDemo() {
        set({ busy: 'resetting', selectedId: null, selected: null });
        try {
          await repositories.clearAll();
          await storeDemo();
          set({ busy: null, ...(await loadAll()) });
        } catch (error) {
          set({ busy: null });
          get().showError(error);
        }
      },

      mapTile(layerId, z, x, y) {
        return tiles.tile(layerId, z, x, y);
      },

      mapIdle() {
        tiles.idle?.();
      },

      updateMapFeatures(layerId, diff) {
        return tiles.update(layerId, diff);
      },

      mapFeature(layerId, mapId) {
        return tiles.feature(layerId, mapId);
      },

      showLayers(ids) {
        const boxes = ids.map((id) => get().layerBounds[id]).filter((b): b is BBox => b !== undefined);
        if (boxes.length === 0) return;
        const bbox: BBox = [
          Math.min(...boxes.map((b) => b[0])),
          Math.min(...boxes.map((b) => b[1])),
          Math.max(...boxes.map((b) => b[2])),
          Math.max(...boxes.map((b) => b[3])),
        ];
        set((s) => ({ viewRequest: { bbox, revision: (s.viewRequest?.revision ?? 0) + 1 } }));
      },

      removedSummary(id) {
        return removedSummaries.get(id);
      },

      findByMapId(mapId) {
        const id = slots.parcelOf(mapId);
        return id === undefined ? undefined : get().parcels.get(id);
      },

      pushToast(toast) {
        set((s) => ({ toasts: [...s.toasts.slice(-4), { ...toast, id: newId('t-') }] }));
      },

      dismissToast(id) {
        set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }));
      },

      showError(error) {
        const appError = toAppError(error);
        if (
          appError.code === 'storage-full' ||
          appError.code === 'storage-version-changed' ||
          appError.code === 'storage-deleted'
        )
          set({ banner: get().banner?.code === 'storage-deleted' ? get().banner : appError });
        get().pushToast({ kind: 'error', message: appError.code, details: { text: appError.message } });
      },
    };
  });
  if (sync) {
    connectSync(sync, {
      repositories: deps.repositories,
      store,
      mapIdOf,
      added,
      removed,
      reload,
      reloadLayers,
    });
  }
  return store;
}
