import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Repositories } from '../db/repositories';
import type { ChangeEntry } from '../domain/change-entry';
import { todayInChina } from '../domain/china-date';
import type { LayerRecord } from '../domain/layer';
import { rejudge } from '../domain/overlay-checks';
import { CONTROL_ROLES, type ControlRole, type OverlayCheck, type ParcelRecord } from '../domain/parcel';
import { defaultRegion, type RegionSettings } from '../domain/regions';
import { type ProposedChange, rerunRules } from '../domain/rules';
import type { AreaGeometry, MultiPolygonGeometry } from '../geo/geometry.types';
import { tileUrlAllowed } from '../shared/csp';
import { AppError, toAppError } from '../shared/errors';
import { newId } from '../shared/ids';
import { createFieldActions, type FieldActions } from './field-slice';
import { createImportActions, type ImportActions, type ImportState } from './import-slice';
import { prepareEdits, type UndoStep } from './mutations';
import type { ParcelPatch } from './parcel-patch';
import { type ParcelSummary, summarize } from './parcel-summary';
import { createReportsActions, type ReportsActions, type ReportsState } from './reports-slice';
import type { AppServices } from './services';
import { createSystemSlice, type SystemSlice } from './system-slice';

export type { Locale } from '../domain/labels';

import type { Locale } from '../domain/labels';
export type AreaUnit = 'mu' | 'm2' | 'ha';

export interface Toast {
  id: string;
  kind: 'info' | 'error';
  /** A message key of the UI's message catalogue, or an AppError code. */
  message: string;
  details?: Record<string, string | number>;
}

/** A GeoJSON FeatureCollection as the map consumes it (ids are numeric map ids). */
export interface MapFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: number;
    geometry: ParcelRecord['geometry'];
    properties: Record<string, unknown>;
  }[];
}

export interface AppState extends ReportsState {
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
  /** Bumped when layer data changed so much that the map must reload its sources. */
  dataRevision: number;
  /** The parcels changed by the last mutation (the map updates just these). */
  lastChanged: { ids: string[]; revision: number; kind: 'attributes' | 'geometry' | 'added' | 'removed' };
  busy: string | null;
  /** Overlapping pieces of the selected parcel with each control role (drawn on the map). */
  selectedPieces: { role: ControlRole; pieces: MultiPolygonGeometry }[];
  /** A request to bring a parcel into view (list clicks); the map answers it. */
  focus: { id: string; revision: number } | null;
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
  /** The one mutation path for parcel fields: validates, writes record + change log in one transaction. */
  editParcel(id: string, patch: ParcelPatch, reason?: string): Promise<ParcelRecord>;
  /** One action over many parcels (bulk tagging): one log entry per parcel and field; returns how many changed. */
  bulkEdit(ids: readonly string[], patch: ParcelPatch, reason?: string): Promise<number>;
  /** Undo / redo the user's own recent actions of this session (written as new changes). */
  undo(): Promise<void>;
  redo(): Promise<void>;
  loadHistory(id: string): Promise<ChangeEntry[]>;
  setRegion(region: RegionSettings): Promise<void>;
  setParcelFilter(filter: ParcelFilter): void;
  /** Stops a running re-check; the previous checks stay as they were. */
  cancelRecheck(): void;
  /** Saves new check thresholds and re-judges every stored overlay check under them. */
  setCheckSettings(settings: CheckSettings): Promise<void>;
  /** Re-runs the rules over every parcel (today, current region): proposals only, nothing written. */
  proposeRuleChanges(): Promise<ProposedChange[]>;
  /** Applies the proposals the user confirmed, through the edit path (one log entry per field). */
  applyRuleChanges(changes: readonly ProposedChange[], reason: string): Promise<number>;
  /** Selects a parcel and asks the map to zoom to it. */
  focusParcel(id: string): Promise<void>;
  resetDemo(): Promise<void>;
  /** The map's data for a layer: handed over once after loading, else read from storage. */
  takeLayerData(layerId: string): Promise<MapFeatureCollection>;
  findByMapId(mapId: number): ParcelSummary | undefined;
  /** The summary a just-deleted parcel had (the map removes its feature by map id). */
  removedSummary(id: string): ParcelSummary | undefined;
  pushToast(toast: Omit<Toast, 'id'>): void;
  dismissToast(id: string): void;
  showError(error: unknown): void;
}

export type AppStoreState = AppState &
  AppActions &
  ImportActions &
  ReportsActions &
  FieldActions &
  SystemSlice;
export type AppStore = StoreApi<AppStoreState>;

const DEMO_LOADED = 'demoLoadedAt';

function parcelFeatureCollection(records: ParcelRecord[], mapIds: Map<string, number>): MapFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: records.map((r) => ({
      type: 'Feature',
      id: mapIds.get(r.id) ?? -1,
      geometry: r.geometry,
      properties: { category: r.category, status: r.status, ...flagsOf(r) },
    })),
  };
}

function flagsOf(record: ParcelRecord): { conflict: boolean; outside: boolean; boundaryError: boolean } {
  const checks = record.overlay ?? [];
  return {
    conflict: checks.some((c) => c.verdict === 'conflict'),
    outside: checks.some((c) => c.role === 'development-boundary' && c.verdict === 'outside'),
    boundaryError: checks.some((c) => c.verdict === 'boundary-error'),
  };
}

/** User-set thresholds of the checks (DOMAIN.md: 边界误差 below e.g. 1 m² or 0.1 %). */
export interface CheckSettings {
  boundaryErrorM2: number;
  boundaryErrorShare: number;
  /** Flag parcels whose declared area (ZDMJ/TBMJ) differs from the computed one by more than this share. */
  areaDifferenceShare: number;
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  boundaryErrorM2: 1,
  boundaryErrorShare: 0.001,
  areaDifferenceShare: 0.02,
};

const RECHECK_BATCH = 2000;

export type ParcelFilter = 'all' | 'conflict' | 'outside' | 'boundary-error';

/**
 * The app's state and actions (DESIGN.md store layer). Storage is reached only through the
 * repositories; every action that changes data awaits its transaction before reporting success.
 */
export function createAppStore(deps: { repositories: Repositories; services: AppServices }): AppStore {
  const { repositories, services } = deps;
  /** Map ids are assigned per session as parcels are loaded; they never reach storage. */
  const mapIds = new Map<string, number>();
  const byMapId = new Map<number, string>();
  const pendingMapData = new Map<string, MapFeatureCollection>();
  let nextMapId = 1;

  const mapIdOf = (id: string): number => {
    let mapId = mapIds.get(id);
    if (mapId === undefined) {
      mapId = nextMapId++;
      mapIds.set(id, mapId);
      byMapId.set(mapId, id);
    }
    return mapId;
  };

  async function loadAll(): Promise<{ layers: LayerRecord[]; parcels: Map<string, ParcelSummary> }> {
    const layers = await repositories.layers.list();
    const parcels = new Map<string, ParcelSummary>();
    pendingMapData.clear();
    for (const layer of layers) {
      if (layer.role !== 'parcels') continue;
      const records = await repositories.parcels.readLayer(layer.id);
      for (const record of records) parcels.set(record.id, summarize(record, mapIdOf(record.id)));
      pendingMapData.set(layer.id, parcelFeatureCollection(records, mapIds));
    }
    return { layers, parcels };
  }

  async function storeDemo(): Promise<void> {
    const prepared = await services.loadDemoLayers();
    for (const { layer, content } of prepared) await repositories.layers.importLayer(layer, content);
    await repositories.meta.set(DEMO_LOADED, services.now().toISOString());
  }

  let controlsRevision = -1;
  /** Loads the control layers into the overlay engine once per data revision. */
  async function ensureControls(): Promise<void> {
    const state = getState();
    if (controlsRevision === state.dataRevision) return;
    const layers: { role: ControlRole; geometries: AreaGeometry[] }[] = [];
    for (const layer of state.layers) {
      if (!(CONTROL_ROLES as readonly string[]).includes(layer.role)) continue;
      const features = await repositories.layers.readFeatures(layer.id);
      layers.push({ role: layer.role as ControlRole, geometries: features.map((f) => f.geometry) });
    }
    await services.overlay.setControls(layers);
    controlsRevision = state.dataRevision;
  }

  async function reload(): Promise<void> {
    const { layers, parcels } = await loadAll();
    setState((s) => ({
      layers,
      parcels,
      dataRevision: s.dataRevision + 1,
      selectedId: null,
      selected: null,
      selectedPieces: [],
    }));
  }

  /** Re-checks every stored parcel against the control layers (after a control layer was added). */
  let recheckCancelled = false;
  /**
   * Re-checks every stored parcel against the control layers (after a control layer was added), in
   * batches with progress; results are written only when all are computed, so a cancel leaves the
   * previous checks untouched (consistent, and re-runnable).
   */
  async function recheckAll(): Promise<void> {
    await ensureControls();
    recheckCancelled = false;
    const layers = getState().layers.filter((l) => l.role === 'parcels');
    const total = layers.reduce((sum, l) => sum + l.featureCount, 0);
    const results = new Map<string, Map<string, OverlayCheck[]>>();
    let done = 0;
    setState({ busy: 'rechecking', recheckProgress: 0 });
    try {
      for (const layer of layers) {
        const records = await repositories.parcels.readLayer(layer.id);
        const checks = new Map<string, OverlayCheck[]>();
        for (let start = 0; start < records.length; start += RECHECK_BATCH) {
          if (recheckCancelled) return;
          const batch = records.slice(start, start + RECHECK_BATCH);
          const out = await services.overlay.checkMany(
            batch.map((r) => ({ id: r.id, geometry: r.geometry, areaM2: r.areaM2 })),
            getState().checkSettings,
          );
          for (const r of out) checks.set(r.id, r.checks);
          done += batch.length;
          setState({ recheckProgress: total > 0 ? done / total : 1 });
        }
        results.set(layer.id, checks);
      }
      if (recheckCancelled) return;
      for (const [layerId, checks] of results) await repositories.parcels.updateOverlays(layerId, checks);
    } finally {
      setState({ busy: null, recheckProgress: null });
    }
    await reload();
  }

  const importActions = (): ImportActions =>
    createImportActions({
      repositories,
      services,
      getImport: () => getState().importState,
      setImport: (importState) => setState({ importState }),
      maxOrder: () => Math.max(0, ...getState().layers.map((l) => l.order)),
      reload,
      recheckAll,
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
      added: (record) =>
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
        }),
      removed: (id) =>
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
        }),
    });
  /** Summaries of parcels just removed, so the map can still find their feature ids. */
  const removedSummaries = new Map<string, ParcelSummary | undefined>();

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

  const undoStack: UndoStep[][] = [];
  const redoStack: UndoStep[][] = [];
  let setState: StoreApi<AppStoreState>['setState'] = () => undefined;
  let getState: StoreApi<AppStoreState>['getState'] = () => {
    throw new Error('store not ready');
  };

  /** The one mutation path: validate, write records + change log in one transaction, then update state. */
  async function commit(
    patches: Map<string, ParcelPatch>,
    reason: string | undefined,
    undoable: boolean,
  ): Promise<ParcelRecord[]> {
    const current = await repositories.parcels.getMany([...patches.keys()]);
    if (current.length < patches.size)
      throw new AppError('not-found', 'Some parcels no longer exist; reload.');
    const prepared = prepareEdits(current, patches, {
      reason,
      who: getState().inspectorName || 'user',
      now: services.now().toISOString(),
      batch: newId('b-'),
      restoring: !undoable,
    });
    if (prepared.writes.length === 0) return [];
    try {
      await repositories.parcels.write(prepared.writes, prepared.changes);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'storage-full' || appError.code === 'storage-version-changed')
        setState({ banner: appError });
      throw appError;
    }
    if (undoable) {
      undoStack.push(prepared.undo);
      if (undoStack.length > 50) undoStack.shift();
      redoStack.length = 0;
    }
    setState((s) => {
      const parcels = new Map(s.parcels);
      let selected = s.selected;
      for (const record of prepared.records) {
        parcels.set(record.id, summarize(record, parcels.get(record.id)?.mapId ?? mapIdOf(record.id)));
        if (s.selectedId === record.id) selected = record;
      }
      return {
        parcels,
        selected,
        canUndo: undoStack.length > 0,
        canRedo: redoStack.length > 0,
        lastChanged: {
          ids: prepared.records.map((r) => r.id),
          revision: s.lastChanged.revision + 1,
          kind: prepared.changes.some((c) => c.field === 'geometry') ? 'geometry' : 'attributes',
        },
      };
    });
    return prepared.records;
  }

  return createStore<AppStoreState>()((set, get, api) => {
    setState = api.setState;
    getState = api.getState;
    return {
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
      lastChanged: { ids: [], revision: 0, kind: 'attributes' },
      busy: null,
      ...importActions(),
      ...createSystemSlice({ services, get, set }),
      ...reportsActions(),
      reportTable: null,
      statistics: null,
      restorePreview: null,
      mergePreview: null,
      reportsBusy: null,
      ...fieldActions(),
      region: defaultRegion,
      selectedPieces: [],
      focus: null,
      checkSettings: DEFAULT_CHECK_SETTINGS,
      recheckProgress: null,
      importState: null,
      parcelFilter: 'all',
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
          const { layers, parcels } = await loadAll();
          set((s) => ({ phase: 'ready', busy: null, layers, parcels, dataRevision: s.dataRevision + 1 }));
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

      async editParcel(id, patch, reason) {
        const [record] = await commit(new Map([[id, patch]]), reason, true);
        if (record) return record;
        const unchanged = await repositories.parcels.get(id);
        if (!unchanged) throw new AppError('not-found', `Parcel ${id} no longer exists.`);
        return unchanged;
      },

      async bulkEdit(ids, patch, reason) {
        const records = await commit(new Map(ids.map((id) => [id, patch])), reason, true);
        return records.length;
      },

      async undo() {
        const step = undoStack.pop();
        if (!step) return;
        await commit(new Map(step.map((s) => [s.id, s.before])), 'undo', false);
        redoStack.push(step);
        set({ canUndo: undoStack.length > 0, canRedo: true });
      },

      async redo() {
        const step = redoStack.pop();
        if (!step) return;
        await commit(new Map(step.map((s) => [s.id, s.after])), 'redo', false);
        undoStack.push(step);
        set({ canUndo: true, canRedo: redoStack.length > 0 });
      },

      loadHistory(id) {
        return repositories.changes.forParcel(id);
      },

      async focusParcel(id) {
        set((s) => ({ focus: { id, revision: (s.focus?.revision ?? 0) + 1 } }));
        await get().selectParcel(id);
      },

      async proposeRuleChanges() {
        const records = await get().loadRecords();
        return rerunRules(records, todayInChina(services.now()), get().region.thresholds);
      },

      async applyRuleChanges(changes, reason) {
        const groups = new Map<string, { patch: ParcelPatch; ids: string[] }>();
        for (const change of changes) {
          const key = `${change.suggested.category}|${change.suggested.subType ?? ''}`;
          const group = groups.get(key) ?? {
            patch: { category: change.suggested.category, subType: change.suggested.subType },
            ids: [],
          };
          group.ids.push(change.id);
          groups.set(key, group);
        }
        let changed = 0;
        for (const { patch, ids } of groups.values()) changed += await get().bulkEdit(ids, patch, reason);
        return changed;
      },

      cancelRecheck() {
        recheckCancelled = true;
      },

      setParcelFilter(parcelFilter) {
        set({ parcelFilter });
      },

      async setCheckSettings(checkSettings) {
        await repositories.settings.set('checks', checkSettings);
        set({ checkSettings });
        for (const layer of get().layers) {
          if (layer.role !== 'parcels') continue;
          const records = await repositories.parcels.readLayer(layer.id);
          const judged = new Map(
            records.map((r) => [r.id, rejudge(r.overlay ?? [], r.areaM2, checkSettings)]),
          );
          await repositories.parcels.updateOverlays(layer.id, judged);
        }
        await reload();
      },

      async setRegion(region) {
        await repositories.settings.set('region', region);
        set({ region });
      },

      async resetDemo() {
        set({ busy: 'resetting', selectedId: null, selected: null });
        try {
          await repositories.clearAll();
          await storeDemo();
          const { layers, parcels } = await loadAll();
          set((s) => ({ layers, parcels, busy: null, dataRevision: s.dataRevision + 1 }));
        } catch (error) {
          set({ busy: null });
          get().showError(error);
        }
      },

      async takeLayerData(layerId) {
        const pending = pendingMapData.get(layerId);
        if (pending) {
          pendingMapData.delete(layerId);
          return pending;
        }
        const layer = get().layers.find((l) => l.id === layerId);
        if (layer?.role === 'parcels') {
          return parcelFeatureCollection(await repositories.parcels.readLayer(layerId), mapIds);
        }
        const features = await repositories.layers.readFeatures(layerId);
        return {
          type: 'FeatureCollection',
          features: features.map((f, i) => ({
            type: 'Feature',
            id: i + 1,
            geometry: f.geometry,
            properties: {},
          })),
        };
      },

      removedSummary(id) {
        return removedSummaries.get(id);
      },

      findByMapId(mapId) {
        const id = byMapId.get(mapId);
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
        if (appError.code === 'storage-full' || appError.code === 'storage-version-changed')
          set({ banner: appError });
        get().pushToast({ kind: 'error', message: appError.code, details: { text: appError.message } });
      },
    };
  });
}
