import type { ChangeEntry } from '../domain/change-entry';
import type { PreparedLayer } from '../domain/layer';
import type { BoundaryErrorThresholds } from '../domain/overlay-verdict';
import type {
  ControlLayerGeometries,
  ControlRole,
  LayerRole,
  OverlayCheck,
  ParcelRecord,
} from '../domain/parcel';
import type { ParcelSummary } from '../domain/parcel-summary';
import type { ReportComputer } from '../domain/reports/report-computer';
import type { AreaGeometry, MultiPolygonGeometry } from '../geo/geometry.types';
import type { BackupData } from '../io/export/backup.format';
import type { MergeResult } from '../io/export/merge';
import type { ExportContext, ExportFile, ExportRequest } from '../io/export/parcel-export';
import type { ImportInput, ImportNote, ImportOptions, ImportProgress } from '../io/import.types';
import type { ImportSummary, LayerChoice, LayerSource, StoredImport } from '../io/prepare-imported';
import type { MapFeatureDiff } from '../io/vector-tiles/layer-tiles';
import type { MapFeature } from '../io/vector-tiles/map-features';
import type { LoadedTileLayer } from '../io/vector-tiles/tile-layers';
import type { OfflineBasemapService } from './basemap-slice';
import type { SyncService } from './sync';
import type { StorageService, UpdateService } from './system-slice';

export type { PreparedLayer, StoredImport };

/** What the store needs from outside besides storage; the composition root (app/) provides it. */
export interface AppServices {
  /** Fetches the bundled demo county and prepares its layers (in a worker). */
  loadDemoLayers(): Promise<PreparedLayer[]>;
  /** The overlay engine with the control layers loaded (a worker in the app). */
  overlay: OverlayService;
  /** Starts an import session (a worker under a watchdog in the app). */
  startImport(): ImportSession;
  /**
   * The user is about to choose files for an import (the import button, files dragged over the
   * map): the worker the next session will take may warm its code up meanwhile. Absent: nothing to warm.
   */
  expectImport?(): void;
  /**
   * Re-decodes a stored parcel layer's attributes in another encoding, reading and rewriting its
   * records off the UI thread (a worker on its own database connection in the app); false when the
   * layer keeps no source. Absent: done in process.
   */
  redecodeLayer?(layerId: string, encoding: string): Promise<boolean>;
  /** Heavy exports, backup packing and merge (a worker in the app); absent where not wired. */
  exports?: ExportService;
  /**
   * The map's layers as vector tiles, and the parcels' summaries read on the way (a worker reading
   * IndexedDB in the app); absent: in process over the store's repositories.
   */
  mapTiles?: MapTileService;
  /** Statistics, table rows and map classes (a worker reading IndexedDB in the app); absent: in process. */
  reports?: ReportComputer;
  /** CSP host sources the online basemap may use (shared/csp.ts); absent: any URL. */
  tileHosts?: readonly string[];
  /** navigator.storage (persistence, quota); absent in tests that don't need it. */
  storage?: StorageService;
  /** The service worker update (app/pwa.ts); absent where there is none. */
  updates?: UpdateService;
  /** Resizes camera photos in the browser before they are stored; absent in Node tests. */
  photos?: PhotoService;
  /** Tells the app's other tabs about committed writes and hears theirs; absent: a single tab. */
  sync?: SyncService;
  /** The offline PMTiles basemap kept on the device (app/offline-basemap-service.ts). */
  offlineBasemap?: OfflineBasemapService;
  /** Now, injectable for tests. */
  now(): Date;
}

export interface OverlayService {
  setControls(layers: { role: ControlRole; geometries: AreaGeometry[] }[]): Promise<void>;
  check(
    geometry: AreaGeometry,
    parcelAreaM2: number,
    thresholds?: Partial<BoundaryErrorThresholds>,
  ): Promise<OverlayCheck[]>;
  pieces(geometry: AreaGeometry): Promise<{ role: ControlRole; pieces: MultiPolygonGeometry }[]>;
  /** Checks many parcels at once (after a control layer changed). */
  checkMany(
    items: { id: string; geometry: AreaGeometry; areaM2: number }[],
    thresholds?: Partial<BoundaryErrorThresholds>,
  ): Promise<{ id: string; checks: OverlayCheck[] }[]>;
}

/**
 * Layers as vector tiles for the map (io/vector-tiles): a layer is read from storage once, cut into
 * tiles on request, and edited feature by feature; the UI thread never holds its geometry.
 */
export interface MapTileService {
  /** (Re)reads a stored layer; parcel summaries arrive in batches through `onSummaries`. */
  load(
    layer: { id: string; role: LayerRole },
    slot: number,
    onSummaries: (batch: ParcelSummary[]) => void,
  ): Promise<LoadedTileLayer>;
  /** MVT bytes of one tile (null: nothing there). */
  tile(layerId: string, z: number, x: number, y: number): Promise<Uint8Array | null>;
  update(layerId: string, diff: MapFeatureDiff): Promise<boolean>;
  drop(layerId: string): Promise<void>;
  /** What the tiles hold of one feature (the browser tests' hook reads it). */
  feature(layerId: string, id: number): Promise<MapFeature['properties'] | null>;
  /**
   * The map has drawn every tile it asked for: work kept for a quiet moment (a county's detail
   * index) may run now rather than compete with the drawing. Absent: that work waits for a request.
   */
  idle?(): void;
}

/** One import: read files, let the user review, prepare the chosen layers. Cancel ends it. */
export interface ImportSession {
  read(
    files: readonly ImportInput[],
    options: Pick<ImportOptions, 'encoding' | 'crsOverride' | 'towgs84'>,
    onProgress: (progress: ImportProgress) => void,
  ): Promise<ImportSummary>;
  prepare(
    choices: LayerChoice[],
    controls: ControlLayerGeometries[],
    now: string,
    thresholds?: BoundaryErrorThresholds,
  ): Promise<{ layers: PreparedLayer[]; notes: ImportNote[]; sources: LayerSource[] }>;
  /**
   * Prepares the chosen layers and writes them to the app's database in the session's own worker
   * (layers.importLayers: the layers and each parcel layer's raw DBF in one transaction): the UI thread
   * neither receives nor clones the records. The parcels are checked against the control layers
   * stored there, read by the worker too. Absent: `prepare`, then the store writes.
   */
  prepareAndStore?(
    choices: LayerChoice[],
    now: string,
    thresholds?: BoundaryErrorThresholds,
  ): Promise<StoredImport>;
  cancel(): void;
}

/** Exports, backups and merges off the UI thread (DESIGN.md: heavy work never runs on the UI thread). */
export interface ExportService {
  /**
   * Exports parcels (all, or `request.ids`): the worker reads them from IndexedDB itself, so the UI
   * thread sends only the request. Null when there are no such parcels.
   */
  parcels(request: ExportRequest, context: ExportContext): Promise<ExportFile | null>;
  /** The Gauss-Kruger zone nearest the parcels (all, or the given ones), read from storage. */
  suggestZone(ids: readonly string[] | null, threeDegree: boolean): Promise<number | undefined>;
  /** The whole database dumped (one transaction) and packed as a backup file. */
  backupAll(createdAt: Date): Promise<{ bytes: Uint8Array; parcels: number }>;
  readBackup(bytes: Uint8Array): Promise<BackupData & { createdAt: string }>;
  /** Parcels of an exported file (GeoJSON or shapefile zip, ours or another inspector's), for a merge. */
  readExportedParcels(name: string, bytes: Uint8Array, now: string): Promise<ParcelRecord[]>;
  merge(
    local: ParcelRecord[],
    incoming: ParcelRecord[],
    localChanges: ChangeEntry[],
    incomingChanges: ChangeEntry[],
  ): Promise<MergeResult>;
}

/** Photo preparation: resize to a sensible size and re-encode (JPEG). */
export interface PhotoService {
  resize(
    file: Blob,
    name: string,
  ): Promise<{ blob: Blob; type: string; width: number; height: number; name: string }>;
}
