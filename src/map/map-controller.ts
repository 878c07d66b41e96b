import {
  addProtocol,
  type GeoJSONSource,
  GeolocateControl,
  type LngLatBoundsLike,
  Map as MapLibreMap,
  type MapMouseEvent,
  removeProtocol,
  setWorkerCount,
  setWorkerUrl,
  type VectorTileSource,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { LayerRecord } from '../domain/layer';
import { type BBox, bboxOf } from '../geo/geometry.types';
import { interiorPoint } from '../geo/interior-point';
import type { AppState, AppStore } from '../store/app-store';
import { parseTileUrl, TILE_MAX_ZOOM, TILE_PROTOCOL, tileUrlTemplate } from '../store/map-tiles';
import { DrawController } from './draw';
import { GroupColoring } from './group-coloring';
import { applyOfflineBasemap, firstLayerAboveOfflineBasemap } from './offline-basemap';
import { applyParcelChange } from './parcel-changes';
import {
  BASEMAP_SOURCE,
  baseStyle,
  FILTERED_PARCEL_PARTS,
  HATCH_IMAGE,
  hatchPattern,
  PIECES_SOURCE,
  parcelFilterExpression,
  parcelPartFilter,
  piecesLayers,
  SELECTED_SOURCE,
  selectedLayers,
  sourceId,
  styleLayersFor,
} from './style';
import { drawWalk } from './walk-layer';

// MapLibre 6 does not emit its worker in a Vite build on its own: hand it the bundled URL.
setWorkerUrl(workerUrl);
// MapLibre parses tiles in one worker by default (outside Safari): a county's first view is a few
// tiles of 1 MB each, which two workers parse side by side (our tile worker is idle by then).
setWorkerCount(Math.max(2, Math.min(4, Math.floor((globalThis.navigator?.hardwareConcurrency ?? 2) / 2))));

const DEMO_VIEW = { center: [110.3, 25.3] as [number, number], zoom: 11 };

/**
 * Owns the maplibregl.Map: subscribes to the store and mirrors it (layers, selection, edited
 * parcels); turns clicks into store actions. Never writes storage, never touches React.
 */
export class MapController {
  readonly map: MapLibreMap;
  private readonly unsubscribe: () => void;
  private loadedRevision = -1;
  private layerIds: string[] = [];
  /** Layers whose source is on the map, with the data revision it was built from. */
  private loadedLayers = new Map<string, number>();
  /** Edits applied to each layer's tiles since its source was built (part of its tile URLs). */
  private tileEdits = new Map<string, number>();
  private loading: Promise<void> = Promise.resolve();
  /** Source rebuilds and tile edits queued on `loading` and not yet done. */
  private pending = 0;
  private fitted = false;
  private basemapFailed = false;
  /** The initial style has loaded ('load' fired): sources and layers can be added. */
  private styleLoaded = false;
  /**
   * The state the map last mirrored while store changes wait for the style to load: they are
   * applied, as one change from this state to the current one, on 'load' (never dropped).
   */
  private pendingFrom: AppState | null;
  /** Drawing and editing of one shape at a time (Terra Draw). */
  readonly draw: DrawController;
  readonly geolocate: GeolocateControl;
  /** The map coloured by a grouping of the statistics (feature-state classes). */
  private readonly groupColoring: GroupColoring;

  constructor(
    container: HTMLElement,
    private readonly store: AppStore,
  ) {
    const state = store.getState();
    // Our layers' vector tiles, cut by the tile service (a worker) and handed to MapLibre as bytes.
    addProtocol(TILE_PROTOCOL, async (params) => {
      const tile = parseTileUrl(params.url);
      const bytes = tile ? await this.store.getState().mapTile(tile.layerId, tile.z, tile.x, tile.y) : null;
      return { data: bytes ? exactBuffer(bytes) : new ArrayBuffer(0) };
    });
    // The style is built from this state; anything that changes before 'load' is applied then.
    this.pendingFrom = state;
    this.map = new MapLibreMap({
      container,
      style: baseStyle(state.basemapUrl),
      center: DEMO_VIEW.center,
      zoom: DEMO_VIEW.zoom,
      attributionControl: false,
      fadeDuration: 0,
    });
    this.draw = new DrawController(this.map, () =>
      this.store
        .getState()
        .layers.filter((l) => l.visible)
        .flatMap((l) => [`${l.id}:fill`, `${l.id}:line`]),
    );
    // "Where am I": position with its accuracy circle, optionally followed.
    this.geolocate = new GeolocateControl({
      positionOptions: { enableHighAccuracy: true },
      trackUserLocation: true,
      showAccuracyCircle: true,
    });
    this.map.addControl(this.geolocate, 'top-left');
    this.map.on('error', (event) => this.onMapError(event.error));
    this.map.on('idle', () => this.store.getState().mapIdle());
    this.map.on('load', () => {
      this.map.addImage(HATCH_IMAGE, hatchPattern());
      this.styleLoaded = true;
      const current = store.getState();
      applyOfflineBasemap(this.map, current.offlineBasemap);
      const from = this.pendingFrom;
      this.pendingFrom = null;
      if (from) this.apply(current, { ...from, offlineBasemap: current.offlineBasemap });
      this.sync(current);
    });
    this.map.on('click', (event) => this.onClick(event));
    this.groupColoring = new GroupColoring(this.map, store);
    this.unsubscribe = store.subscribe((next, previous) => this.onStateChange(next, previous));
  }

  destroy(): void {
    this.draw.destroy();
    this.groupColoring.destroy();
    this.unsubscribe();
    this.map.remove();
    removeProtocol(TILE_PROTOCOL);
  }

  /** Screen position of a point inside a parcel (for the browser tests' read-only hook). */
  screenPointOf(geometry: Parameters<typeof interiorPoint>[0]): { x: number; y: number } {
    const p = this.map.project(interiorPoint(geometry));
    return { x: p.x, y: p.y };
  }

  zoomTo(bbox: BBox): void {
    this.map.fitBounds(bbox as LngLatBoundsLike, { padding: 60, maxZoom: 17, duration: 300 });
  }

  private onMapError(error: { message?: string } | undefined): void {
    // Tile errors of the optional online basemap must never break the map: drop the basemap, say so once.
    const message = error?.message ?? '';
    if (this.store.getState().basemapUrl && !this.basemapFailed) {
      this.basemapFailed = true;
      this.store
        .getState()
        .pushToast({ kind: 'error', message: 'basemap-failed', details: { text: message } });
      if (this.map.getLayer(BASEMAP_SOURCE)) this.map.setLayoutProperty(BASEMAP_SOURCE, 'visibility', 'none');
      return;
    }
    if (!this.store.getState().basemapUrl)
      this.store.getState().pushToast({ kind: 'error', message: 'map-error', details: { text: message } });
  }

  private onStateChange(next: AppState, previous: AppState): void {
    // Before 'load' the style takes no sources, layers or properties: keep the changes for then.
    // After it, the style accepts them even while sources or tiles load (loaded() and
    // isStyleLoaded() false), so nothing waits for the map to be idle.
    if (!this.styleLoaded) {
      this.pendingFrom ??= previous;
      return;
    }
    this.apply(next, previous);
  }

  /** Mirrors what changed between two store states. */
  private apply(next: AppState, previous: AppState): void {
    if (next.offlineBasemap !== previous.offlineBasemap) applyOfflineBasemap(this.map, next.offlineBasemap);
    if (next.basemapUrl !== previous.basemapUrl) this.applyBasemap(next.basemapUrl);
    if (next.focus !== previous.focus && next.focus) void this.focusOn(next.focus.id);
    if (next.viewRequest !== previous.viewRequest && next.viewRequest) {
      this.fitted = true;
      this.map.fitBounds(next.viewRequest.bbox as LngLatBoundsLike, {
        padding: 40,
        maxZoom: 17,
        duration: 0,
      });
    }
    if (next.dataRevision !== previous.dataRevision) {
      // Reloading the layers applies their settings, the selection, filter and colouring.
      this.sync(next);
      return;
    }
    if (next.layers !== previous.layers) this.applyLayerSettings(next.layers);
    if (next.selectedId !== previous.selectedId || next.selected !== previous.selected)
      this.applySelection(next);
    if (next.selectedPieces !== previous.selectedPieces) this.applyPieces(next);
    if (next.parcelFilter !== previous.parcelFilter) this.applyFilter(next);
    if (next.lastChanged !== previous.lastChanged) this.applyChanges(next);
    if (next.mapClasses !== previous.mapClasses) this.groupColoring.apply(next);
    if (next.lastChanged !== previous.lastChanged) this.groupColoring.scheduleRefresh(next);
  }

  private sync(state: AppState): void {
    if (state.phase !== 'ready' || this.loadedRevision === state.dataRevision) return;
    this.loadedRevision = state.dataRevision;
    this.enqueue(() => this.reloadLayers(state));
  }

  /** Runs map work after the work queued before it; errors go to the toaster. */
  private enqueue(task: () => Promise<void>): void {
    this.pending++;
    this.loading = this.loading
      .then(task)
      .catch((error: unknown) => this.store.getState().showError(error))
      .finally(() => {
        this.pending--;
      });
  }

  /**
   * The map shows the store's current data: every layer's source is built at its revision, no
   * edit waits to reach the tiles, nothing is loading or moving (the browser tests wait for this).
   */
  settled(): boolean {
    const state = this.store.getState();
    return (
      this.styleLoaded &&
      state.phase === 'ready' &&
      this.loadedRevision === state.dataRevision &&
      this.pending === 0 &&
      this.map.loaded() &&
      this.map.areTilesLoaded() &&
      !this.map.isMoving()
    );
  }

  /**
   * Brings the map's sources in line with the store's layers: a source is rebuilt only when its
   * layer's data revision moved (or it is new); removed layers go. Importing a layer or switching
   * one layer's encoding therefore never re-processes the county's other sources.
   */
  private async reloadLayers(state: AppState): Promise<void> {
    const revisions = state.layerRevisions;
    // Parcels draw above control layers so they can be clicked; control lines are outlines anyway.
    const ordered = [...state.layers].sort(
      (a, b) => (a.role === 'parcels' ? 1 : 0) - (b.role === 'parcels' ? 1 : 0) || a.order - b.order,
    );
    const wanted = new Set(ordered.map((l) => l.id));
    for (const [id, revision] of this.loadedLayers) {
      if (wanted.has(id) && revisions[id] === revision) continue;
      for (const layer of this.map.getStyle().layers)
        if (layer.id.startsWith(`${id}:`)) this.map.removeLayer(layer.id);
      if (this.map.getSource(sourceId(id))) this.map.removeSource(sourceId(id));
      this.loadedLayers.delete(id);
      this.tileEdits.delete(id);
    }
    for (let i = 0; i < ordered.length; i++) {
      const layer = ordered[i] as LayerRecord;
      if (this.loadedLayers.has(layer.id)) continue;
      const revision = revisions[layer.id] ?? state.dataRevision;
      this.tileEdits.set(layer.id, 0);
      this.map.addSource(sourceId(layer.id), {
        type: 'vector',
        tiles: [tileUrlTemplate(layer.id, `${revision}.0`)],
        maxzoom: TILE_MAX_ZOOM,
      });
      const before = this.firstStyleLayerAfter(ordered, i);
      for (const spec of styleLayersFor(layer)) this.map.addLayer(spec, before);
      this.loadedLayers.set(layer.id, revision);
    }
    this.layerIds = ordered.map((l) => l.id).filter((id) => this.loadedLayers.has(id));
    if (!this.fitted) {
      const boxes = ordered
        .filter((l) => l.role === 'parcels')
        .map((l) => state.layerBounds[l.id])
        .filter((b): b is BBox => b !== undefined);
      if (boxes.length > 0) {
        this.fitted = true;
        this.map.fitBounds(unionOf(boxes) as LngLatBoundsLike, { padding: 40, duration: 0 });
      }
    }
    // The overlap pieces and the selection outline stay on top of every layer.
    for (const [source, specs] of [
      [PIECES_SOURCE, piecesLayers()],
      [SELECTED_SOURCE, selectedLayers()],
    ] as const) {
      if (!this.map.getSource(source)) {
        this.map.addSource(source, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      } else {
        for (const spec of specs) if (this.map.getLayer(spec.id)) this.map.removeLayer(spec.id);
      }
      for (const spec of specs) this.map.addLayer(spec);
    }
    this.applySelection(this.store.getState());
    this.applyPieces(this.store.getState());
    this.applyFilter(this.store.getState());
    // New sources have no feature-state: class every parcel again, then catch up with the data.
    this.groupColoring.apply(this.store.getState(), true);
    this.groupColoring.scheduleRefresh(this.store.getState());
  }

  /** The first style layer of the next loaded layer in draw order (new layers go below it). */
  private firstStyleLayerAfter(ordered: readonly LayerRecord[], index: number): string | undefined {
    const styleLayers = this.map.getStyle().layers;
    for (let j = index + 1; j < ordered.length; j++) {
      const id = (ordered[j] as LayerRecord).id;
      if (!this.loadedLayers.has(id)) continue;
      const first = styleLayers.find((l) => l.id.startsWith(`${id}:`));
      if (first) return first.id;
    }
    return styleLayers.find((l) => piecesLayers().some((p) => p.id === l.id))?.id;
  }

  /** Shows the boundary being walked (GPS fixes so far); an empty list hides it. */
  showWalk(points: [number, number][]): void {
    if (this.styleLoaded) drawWalk(this.map, points);
    else if (points.length > 0) this.map.once('load', () => this.showWalk(points));
  }

  private async focusOn(id: string): Promise<void> {
    const record = await this.store.getState().readParcel(id);
    if (record) this.zoomTo(bboxOf(record.geometry));
  }

  private applyPieces(state: AppState): void {
    const source = this.map.getSource(PIECES_SOURCE) as GeoJSONSource | undefined;
    source?.setData({
      type: 'FeatureCollection',
      features: state.selectedPieces.map((p) => ({
        type: 'Feature',
        geometry: p.pieces,
        properties: { role: p.role },
      })),
    });
  }

  private applyFilter(state: AppState): void {
    const filter = parcelFilterExpression(state.parcelFilter);
    for (const layer of state.layers) {
      if (layer.role !== 'parcels') continue;
      for (const part of FILTERED_PARCEL_PARTS) {
        const id = `${layer.id}:${part}`;
        if (this.map.getLayer(id)) this.map.setFilter(id, parcelPartFilter(part, filter));
      }
    }
  }

  private applyLayerSettings(layers: LayerRecord[]): void {
    for (const layer of layers) {
      for (const spec of styleLayersFor(layer)) {
        if (!this.map.getLayer(spec.id)) continue;
        this.map.setLayoutProperty(spec.id, 'visibility', layer.visible ? 'visible' : 'none');
        const paint = (spec as { paint?: Record<string, unknown> }).paint ?? {};
        for (const key of ['fill-opacity', 'line-opacity', 'circle-opacity'] as const) {
          if (key in paint) {
            this.map.setPaintProperty(spec.id, key, paint[key] as number);
          }
        }
      }
    }
  }

  /** Outlines the selected parcel (its record arrives from storage shortly after the selection). */
  private applySelection(state: AppState): void {
    const source = this.map.getSource(SELECTED_SOURCE) as GeoJSONSource | undefined;
    const record = state.selected && state.selected.id === state.selectedId ? state.selected : null;
    source?.setData({
      type: 'FeatureCollection',
      features: record ? [{ type: 'Feature', geometry: record.geometry, properties: {} }] : [],
    });
  }

  private applyChanges(state: AppState): void {
    const change = state.lastChanged;
    // After any pending source reload, so a just-created layer's source exists.
    this.enqueue(async () => {
      const edited = await applyParcelChange(this.map, this.store.getState(), change);
      for (const layerId of edited) this.refreshTiles(layerId);
    });
  }

  /**
   * The layer's tiles changed (an edit): MapLibre re-requests the tiles it shows under a new URL
   * and keeps drawing the old ones until they arrive; feature-state (colours, selection) stays.
   */
  private refreshTiles(layerId: string): void {
    const source = this.map.getSource(sourceId(layerId)) as VectorTileSource | undefined;
    const revision = this.loadedLayers.get(layerId);
    if (!source || revision === undefined) return;
    const edits = (this.tileEdits.get(layerId) ?? 0) + 1;
    this.tileEdits.set(layerId, edits);
    source.setTiles([tileUrlTemplate(layerId, `${revision}.${edits}`)]);
  }

  private applyBasemap(url: string): void {
    this.basemapFailed = false;
    if (this.map.getLayer(BASEMAP_SOURCE)) this.map.removeLayer(BASEMAP_SOURCE);
    if (this.map.getSource(BASEMAP_SOURCE)) this.map.removeSource(BASEMAP_SOURCE);
    if (!url) return;
    this.map.addSource(BASEMAP_SOURCE, { type: 'raster', tiles: [url], tileSize: 256, maxzoom: 18 });
    this.map.addLayer(
      { id: BASEMAP_SOURCE, type: 'raster', source: BASEMAP_SOURCE },
      firstLayerAboveOfflineBasemap(this.map),
    );
  }

  private onClick(event: MapMouseEvent): void {
    if (this.draw.active) return;
    const parcelLayers = new Set(
      this.store
        .getState()
        .layers.filter((l) => l.role === 'parcels')
        .map((l) => l.id),
    );
    // Fills, and the dots that stand for small parcels at the overview zooms (a few pixels around).
    const fills = this.layerIds
      .filter((id) => parcelLayers.has(id))
      .flatMap((id) => [`${id}:fill`, `${id}:points`])
      .filter((id) => this.map.getLayer(id));
    const { x, y } = event.point;
    const hit =
      this.map.queryRenderedFeatures(event.point, { layers: fills })[0] ??
      this.map.queryRenderedFeatures(
        [
          [x - 4, y - 4],
          [x + 4, y + 4],
        ],
        { layers: fills },
      )[0];
    const summary = typeof hit?.id === 'number' ? this.store.getState().findByMapId(hit.id) : undefined;
    void this.store.getState().selectParcel(summary?.id ?? null);
  }
}

function unionOf(boxes: readonly BBox[]): BBox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

/** An ArrayBuffer holding exactly these bytes (a view may sit in a larger buffer). */
function exactBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength)
    return bytes.buffer as ArrayBuffer;
  return bytes.slice().buffer as ArrayBuffer;
}
